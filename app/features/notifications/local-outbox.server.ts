import type { Db } from '~/platform/database/client.server'
import type { Channel } from '~/domain/notifications/policy'
import { localProviders } from './providers/configured.server'
import { CAPTURE_LIMIT } from './providers/mailer.server'

// What the demo's local providers received in this process, as they received it: the SMS
// body and the call's TwiML the fake Twilio was sent, every captured email (the worker's and
// the advisors' link emails), newest first. The outbox row of each, when there is one, says
// what became of it. Nothing is rendered again: a wrong link shows here as it was sent.

export type ReceivedMessage = {
  /** The provider's id: Twilio's SID, or the email's Message-ID. */
  id: string
  at: string
  channel: Channel
  to: string
  /** The number an SMS left from: a reply is sent to it. */
  from: string | null
  subject: string | null
  /** The SMS text, the TwiML of the call, or the email's text part. */
  content: string
  /** An iCalendar attachment of the email (REQUEST or CANCEL). */
  calendar: string | null
  row: { id: string; kind: string; status: string; lastError: string | null } | null
}

export async function receivedLocally(db: Db) {
  const { fakeTwilio, mailCapture } = localProviders()
  const calls = (fakeTwilio?.records ?? []).map((record) => ({
    id: record.sid,
    at: record.createdAt,
    channel: record.kind === 'SMS' ? ('SMS' as const) : ('VOICE' as const),
    to: record.to,
    from: record.from,
    subject: null,
    content: record.body,
    calendar: null,
  }))
  const emails = (mailCapture?.captured ?? []).map((mail) => ({
    id: mail.messageId,
    at: mail.at,
    channel: 'EMAIL' as const,
    to: mail.to,
    from: null,
    subject: mail.subject,
    content: mail.text,
    calendar: mail.calendar?.method ?? null,
  }))
  const latest = [...calls, ...emails]
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, CAPTURE_LIMIT)
  const rows = await db.notification.findMany({
    where: { providerMessageId: { in: latest.map((message) => message.id) } },
    select: { id: true, providerMessageId: true, kind: true, status: true, lastError: true },
  })
  const rowOf = new Map(rows.map(({ providerMessageId, ...row }) => [providerMessageId, row]))
  const messages: ReceivedMessage[] = latest.map((message) => ({
    ...message,
    at: message.at.toISOString(),
    row: rowOf.get(message.id) ?? null,
  }))
  return { listening: Boolean(fakeTwilio || mailCapture), messages }
}
