// What other features and their routes use of notifications: the outbox writes made in
// their transactions (appointments, workshop seats, earlier-slot alerts), message history
// and SMS usage, the mailer for link emails, the resident's calendar file, the SMS sender,
// and the worker the entry points start.
export {
  appointmentMessages,
  canReach,
  cancelPendingNotifications,
  cancelsByReply,
  MESSAGE_TARGET,
  notifyBooked,
  notifyCancelled,
  notifyMoved,
  smsUsageToday,
} from './outbox.server'
export {
  cancelPendingAlerts,
  EARLIER_SLOT_PREFIX,
  earlierSlotTarget,
  notifyEarlierSlot,
} from './earlier-slot-outbox.server'
export {
  notifyRegistered,
  notifyRegistrationCancelled,
  notifySessionCancelled,
  notifySessionChanged,
  writeOfferExpired,
  writeSeatOffer,
} from './workshop-outbox.server'
export { writeLinksAgain, type LinkAgainRequest } from './link-again-outbox.server'
export { configuredMailer, smsSenderOfServer } from './providers/configured.server'
export { residentCalendarFile, workspaceUrlOf } from './render.server'
export { startNotificationWorker, type RunningWorker } from './worker.server'
