// What other features and their routes use of public booking: the booking ports of
// domain/booking, the organisation of a public URL, the contact form's schema, the budgets
// of online requests, the week of free times.
export { bookingPorts } from './booking-ports.server'
export { contactFields, contactStepSchema } from './contact-form.server'
export { withinBookingLimits } from './limits.server'
export { requireOrganisation } from './lookups.server'
export { PUBLIC_SITE_FIELDS, type PublicOrganisation } from './queries.server'
export { resolveWeek, weekView, type WeekView } from './week-view.server'
export { journeyPaths } from './paths'
