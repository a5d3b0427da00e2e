// What routes and other features use of workshops: registering and giving a seat back,
// attendance, the waiting list and its offers, the worker's expiry of holds, the links,
// and the next sessions an organisation's home page shows.
export { giveBackSeat, markAttendance, registerForSession } from './registration.server'
export type { RegistrationOutcome, RegistrationRequest } from './registration.server'
export {
  acceptOffer,
  expireHolds,
  joinWaitlist,
  leaveWaitlist,
  offerFreedSeats,
} from './waitlist.server'
export type { AcceptOutcome, JoinOutcome, WaitlistRequest } from './waitlist.server'
export {
  alertPath,
  registrationPath,
  waitlistPath,
  workspaceSessionPath,
  WORKSHOPS_PATH,
  workshopPaths,
} from './paths'
// The workspace's sessions as the calendars and the hours pages show them (decision 082).
export { sessionsBetween } from './queries.server'
export { sessionSummaryView, type SessionSummaryView } from './session-views.server'
export { upcomingWorkshopsPreview, type PublicSession } from './public-sessions.server'
