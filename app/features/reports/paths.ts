// The workspace's activity report pages (decision 085): the reports to write, one report
// of an appointment or of a workshop session, and the reports already filed.

export const REPORTS_PATH = '/espace/comptes-rendus'
export const FILED_REPORTS_PATH = `${REPORTS_PATH}/deposes`

export const appointmentReportPath = (appointmentId: string) =>
  `${REPORTS_PATH}/rendez-vous/${appointmentId}`

export const sessionReportPath = (sessionId: string) => `${REPORTS_PATH}/atelier/${sessionId}`
