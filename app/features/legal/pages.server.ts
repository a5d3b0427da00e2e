import { formatDay, type DisplayLanguage } from '~/domain/time/format'
import { db } from '~/platform/database/client.server'
import { periodsOf } from '~/features/retention/index.server'
import { isAccessibilityStatus, type AccessibilityStatus } from './settings.server'

// What the three legal pages of an organisation show: what its admin completed, and for
// the rest, what the organisation's own record says (its name, phone, email) or nothing,
// which the pages word as "not given yet" (decision 092).

export type LegalPage = Awaited<ReturnType<typeof legalPageOf>>

/** The organisation's legal facts, or null for an unknown organisation (a 404). */
export async function legalPageOf(slug: string, language: DisplayLanguage) {
  const organisation = await db().organisation.findUnique({ where: { slug } })
  if (!organisation) return null
  const status: AccessibilityStatus = isAccessibilityStatus(organisation.accessibilityStatus)
    ? organisation.accessibilityStatus
    : 'NON_CONFORME'
  return {
    organisation: { name: organisation.name, slug: organisation.slug },
    publisher: {
      name: organisation.legalName ?? organisation.name,
      address: organisation.legalAddress,
      phone: organisation.phone,
      email: organisation.email,
    },
    dpoContact: organisation.dpoContact,
    publicationDirector: organisation.publicationDirector,
    host: { name: organisation.hostName, address: organisation.hostAddress },
    // The periods in force: the organisation's own settings (decision 090).
    retention: periodsOf(organisation),
    accessibility: {
      status,
      // A calendar date, said as such wherever the organisation is.
      checkedOn: organisation.accessibilityCheckedOn
        ? `${formatDay(new Date(`${organisation.accessibilityCheckedOn}T12:00:00Z`), 'UTC', language)} ${organisation.accessibilityCheckedOn.slice(0, 4)}`
        : null,
      contact: organisation.accessibilityContact,
      knownIssues: organisation.accessibilityKnownIssues,
    },
  }
}
