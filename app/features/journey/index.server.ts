// What other features and their routes use of public booking: the booking ports of
// domain/booking, the contact form's schema, the week of free times.
export { bookingPorts } from './booking-ports.server'
export { contactFields, contactStepSchema } from './contact-form.server'
export { resolveWeek, weekView, type WeekView } from './week-view.server'
export { journeyPaths } from './paths'
