import type { Db } from '~/platform/database/client.server'
import { KIND } from './outbox.server'
import { putRegistrationRow, WORKSHOP_KIND } from './workshop-outbox.server'

// The links of someone's upcoming appointments and registrations, sent again to the
// contact they typed on the "J'ai perdu mon lien" page (decision 092). Each goes as its
// confirmation (kinds.ts), rendered at send time with its link derived again (decision
// 041): nothing but the usual row is stored.

export type LinkAgainRequest = {
  organisationId: string
  appointmentIds: readonly string[]
  registrationIds: readonly string[]
  channel: 'SMS' | 'EMAIL'
  recipient: string
  language: 'fr' | 'en'
  now: Date
}

/** Writes one row per subject, due now, to the contact given. */
export async function writeLinksAgain(tx: Pick<Db, 'notification'>, request: LinkAgainRequest) {
  const row = {
    organisationId: request.organisationId,
    channel: request.channel,
    recipient: request.recipient,
    language: request.language,
    dueAt: request.now,
  }
  for (const appointmentId of request.appointmentIds) {
    await tx.notification.create({ data: { ...row, appointmentId, kind: KIND.LINK_AGAIN } })
  }
  // A registration's row is unique per kind: asked again, it is planned again.
  for (const registrationId of request.registrationIds) {
    await putRegistrationRow(tx, { ...row, registrationId, kind: WORKSHOP_KIND.LINK_AGAIN }, true)
  }
}
