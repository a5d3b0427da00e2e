// What routes and other features use of workshops: registering and giving a seat back,
// attendance, the waiting list and its offers, and the worker's expiry of holds.
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
