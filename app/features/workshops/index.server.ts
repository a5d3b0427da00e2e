// What routes and other features use of workshops: registering and giving a seat back,
// attendance, the waiting list and its offers, the worker's expiry of holds, and the next
// sessions an organisation's home page shows.
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
export { upcomingWorkshopsPreview, type PublicSession } from './public-sessions.server'
export { workshopPaths } from './paths'
