// What other features and their routes use of residents: finding one by name or phone, and
// the record a booking or a registration is for, the records a resident's audit events are
// about (the audit log's filter by resident).
export { findOrCreateResident } from './find-or-create.server'
export { residentById, residentContactOf, residentSelect, searchResidents } from './search.server'
export { aboutSubjects, residentSubjects } from './rights.server'
