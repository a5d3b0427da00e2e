// What the routes, the worker and other features use of earlier-slot alerts: asking and
// stopping, the worker's scan, the alert page, and taking the offered time (by link, or
// by the OUI reply to the alert's SMS).
export { acceptEarlierSlot, takeEarlierSlot, type AcceptOutcome } from './accept.server'
export { alertChoiceForm, alertPageForm } from './forms.server'
export { alertPageView, alertStateOf, findByAlertToken, pageAfterTaking } from './queries.server'
export {
  askForAppointment,
  askWithoutAppointment,
  stopForAppointment,
  stopRequest,
} from './requests.server'
export { scanEarlierSlots } from './scan.server'
