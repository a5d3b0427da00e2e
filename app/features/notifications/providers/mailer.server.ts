import nodemailer, { type Transporter } from 'nodemailer'
import { ProviderError } from './twilio.server'

// Email through SMTP with nodemailer. Without SMTP settings (dev), messages are kept in a
// local capture (the dev outbox shows them) instead of being sent.

export type MailSettings = {
  /** smtp://user:pass@host:port or smtps://…; or the parts below. */
  url?: string | null
  host?: string | null
  port?: number | null
  secure?: boolean
  user?: string | null
  pass?: string | null
  from: string
  /** Tests on loopback: accept the self-signed certificate of a local server. */
  allowSelfSigned?: boolean
}

export type OutgoingMail = {
  to: string
  subject: string
  text: string
  html: string
  /** An iCalendar file: an invitation (REQUEST, CANCEL) or a published event (PUBLISH). */
  calendar?: { method: 'PUBLISH' | 'REQUEST' | 'CANCEL'; content: string } | null
  /**
   * A Message-ID fixed by the sender: the same message sent again (after a crash between
   * the SMTP server's acceptance and our record of it) is recognised as one by mail stores.
   */
  messageId?: string
}

export type CapturedMail = OutgoingMail & { messageId: string; at: Date }

export type Mailer = {
  send: (mail: OutgoingMail) => Promise<{ providerMessageId: string }>
  /** Dev capture only: what would have been sent. */
  captured: CapturedMail[] | null
  close: () => void
}

export function createMailer(settings: MailSettings | null): Mailer {
  if (!settings) return captureMailer()
  const transport: Transporter = settings.url
    ? nodemailer.createTransport(settings.url)
    : nodemailer.createTransport({
        host: settings.host ?? 'localhost',
        port: settings.port ?? 587,
        secure: settings.secure ?? false,
        auth: settings.user ? { user: settings.user, pass: settings.pass ?? '' } : undefined,
        tls: settings.allowSelfSigned ? { rejectUnauthorized: false } : undefined,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      })
  return {
    captured: null,
    close: () => transport.close(),
    send: async (mail) => {
      try {
        const info = (await transport.sendMail(message(settings.from, mail))) as {
          messageId: string
        }
        return { providerMessageId: info.messageId }
      } catch (error) {
        throw mailError(error)
      }
    },
  }
}

function message(from: string, mail: OutgoingMail) {
  return {
    from,
    to: mail.to,
    ...(mail.messageId ? { messageId: mail.messageId } : {}),
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    ...(mail.calendar
      ? {
          icalEvent: {
            method: mail.calendar.method,
            filename: 'rendez-vous.ics',
            content: mail.calendar.content,
          },
        }
      : {}),
  }
}

/** SMTP 5xx answers are about this message (unknown mailbox); anything else may pass later. */
export function mailError(error: unknown): ProviderError {
  const failure = error as { responseCode?: unknown; message?: unknown }
  const text = typeof failure?.message === 'string' ? failure.message : String(error)
  const code = typeof failure?.responseCode === 'number' ? failure.responseCode : null
  const permanent = code !== null && code >= 500
  return new ProviderError(`SMTP${code ? ` ${code}` : ''}: ${text}`, permanent, code, code)
}

/** What a local capture (and the demo's fake Twilio) keeps: the latest messages. */
export const CAPTURE_LIMIT = 500

let captureCounter = 0
function captureMailer(): Mailer {
  const captured: CapturedMail[] = []
  return {
    captured,
    close: () => undefined,
    send: async (mail) => {
      captureCounter += 1
      const messageId =
        mail.messageId ?? `<capture-${Date.now()}-${captureCounter}@permanence.local>`
      captured.push({ ...mail, messageId, at: new Date() })
      // A bounded capture: a long dev session does not grow without end.
      if (captured.length > CAPTURE_LIMIT) captured.splice(0, captured.length - CAPTURE_LIMIT)
      return { providerMessageId: messageId }
    },
  }
}
