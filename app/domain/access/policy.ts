// The one place where the workspace decides who may do what (issue 5). Loaders and
// actions call `authorise` first; nothing else in the code compares roles.

export type Role = 'ADMIN' | 'ADVISOR' | 'RECEPTION'

/** Who is asking: a signed-in advisor of one organisation. */
export type Actor = { advisorId: string; organisationId: string; role: Role }

export type Action =
  /** See one advisor's day or week. */
  | 'calendar.view'
  /** See every advisor of a site side by side. */
  | 'calendar.viewSite'
  /** See an appointment and its resident. */
  | 'appointment.view'
  /** Mark attendance, cancel, add a note. */
  | 'appointment.update'
  /** Book on behalf of a resident, for any advisor of the organisation. */
  | 'booking.create'
  /** Search and read residents. */
  | 'resident.view'
  /** Correct a resident's contact details. */
  | 'resident.update'
  /** Merge two records of the same person (the whole directory is needed to judge). */
  | 'resident.merge'
  /** Erase a resident's personal data, cancelling what is to come (decision 090). */
  | 'resident.erase'
  /** Sites, topics, advisors, organisation settings. */
  | 'organisation.administer'
  /** See an advisor's opening rules and absences (decision 050). */
  | 'schedule.view'
  /** Create, change and end opening rules; add and remove absences (decision 050). */
  | 'schedule.manage'
  /** See workshop sessions, their participants and their sign-in sheets (decision 082). */
  | 'workshop.view'
  /** Create, change and cancel workshop sessions and series (decision 082). */
  | 'workshop.manage'
  /** Register someone for a session at the desk or on the phone; mark attendance. */
  | 'workshop.participants'
  /** Read, file, decline and edit the activity report of an appointment or a session (decision 085). */
  | 'report.manage'
  /** See the statistics: an admin the organisation's, an advisor their own (decision 087). */
  | 'statistics.view'
  /** Download activity reports or appointments as a file (decision 086). */
  | 'export.create'
  /** Hand a resident everything held about them, as JSON or a printable page (decision 091). */
  | 'resident.export'
  /** Read the audit log and download it (decision 091). */
  | 'audit.view'
  /** See the audit log's personal data: residents' names and free-text summaries (decision 091). */
  | 'audit.viewPersonal'

/**
 * What an action is about: always its organisation, and the advisor it belongs to when
 * it belongs to one (an appointment's advisor, the calendar's advisor).
 */
export type Resource = {
  organisationId: string
  advisorId?: string | null
  /** Who booked it: an advisor may see (and print) what they booked for a colleague. */
  bookedBy?: string | null
}

/**
 * ALLOWED, or why not. Another organisation's resource is NOT_FOUND (its existence is not
 * revealed); a resource of the actor's own organisation they may not touch is FORBIDDEN.
 */
export type Decision = 'ALLOWED' | 'FORBIDDEN' | 'NOT_FOUND'

const EVERYONE: readonly Role[] = ['ADMIN', 'ADVISOR', 'RECEPTION']

/** Roles allowed whatever advisor the resource belongs to. */
const ANY_ADVISOR: Record<Action, readonly Role[]> = {
  'calendar.view': ['ADMIN', 'RECEPTION'],
  'calendar.viewSite': ['ADMIN', 'RECEPTION'],
  'appointment.view': ['ADMIN', 'RECEPTION'],
  'appointment.update': ['ADMIN', 'RECEPTION'],
  'booking.create': EVERYONE,
  'resident.view': ['ADMIN', 'RECEPTION'],
  'resident.update': ['ADMIN', 'RECEPTION'],
  'resident.merge': ['ADMIN', 'RECEPTION'],
  'resident.erase': ['ADMIN', 'RECEPTION'],
  'organisation.administer': ['ADMIN'],
  'schedule.view': ['ADMIN', 'RECEPTION'],
  'schedule.manage': ['ADMIN'],
  'workshop.view': EVERYONE,
  'workshop.manage': ['ADMIN', 'ADVISOR'],
  'workshop.participants': EVERYONE,
  'report.manage': ['ADMIN'],
  'statistics.view': ['ADMIN'],
  'export.create': ['ADMIN'],
  'resident.export': ['ADMIN', 'RECEPTION'],
  'audit.view': ['ADMIN', 'RECEPTION'],
  'audit.viewPersonal': ['ADMIN'],
}

/** Roles allowed when the resource is their own (advisorId is the actor's). */
const OWN: Record<Action, readonly Role[]> = {
  'calendar.view': EVERYONE,
  'calendar.viewSite': ['ADMIN', 'RECEPTION'],
  'appointment.view': EVERYONE,
  'appointment.update': EVERYONE,
  'booking.create': EVERYONE,
  'resident.view': EVERYONE,
  'resident.update': EVERYONE,
  'resident.merge': ['ADMIN', 'RECEPTION'],
  'resident.erase': ['ADMIN', 'RECEPTION'],
  'organisation.administer': ['ADMIN'],
  'schedule.view': EVERYONE,
  'schedule.manage': ['ADMIN', 'ADVISOR'],
  'workshop.view': EVERYONE,
  'workshop.manage': ['ADMIN', 'ADVISOR'],
  'workshop.participants': EVERYONE,
  'report.manage': ['ADMIN', 'ADVISOR'],
  'statistics.view': ['ADMIN', 'ADVISOR'],
  'export.create': ['ADMIN', 'ADVISOR'],
  'resident.export': ['ADMIN', 'RECEPTION'],
  'audit.view': ['ADMIN', 'RECEPTION'],
  'audit.viewPersonal': ['ADMIN'],
}

export function authorise(actor: Actor, action: Action, resource: Resource): Decision {
  if (resource.organisationId !== actor.organisationId) return 'NOT_FOUND'
  const own =
    (resource.advisorId != null && resource.advisorId === actor.advisorId) ||
    (action === 'appointment.view' && resource.bookedBy === actor.advisorId)
  const roles = own ? OWN[action] : ANY_ADVISOR[action]
  return roles.includes(actor.role) ? 'ALLOWED' : 'FORBIDDEN'
}

/** Whether the actor may do this at all in their organisation (to show or hide a link). */
export function can(actor: Actor, action: Action, advisorId?: string | null): boolean {
  return authorise(actor, action, { organisationId: actor.organisationId, advisorId }) === 'ALLOWED'
}
