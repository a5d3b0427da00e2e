// What other features' pages use of activity reports (decision 085): the count the
// workspace navigation shows, and the addresses of a report.
export { reportsToDo } from './pages.server'
export { appointmentReportPath, REPORTS_PATH, sessionReportPath } from './paths'
