import {
  createMailer,
  mailSettingsFromEnv,
  type Mailer,
} from '~/features/notifications/index.server'
import { renderLinkEmail } from '~/domain/notifications/templates'
import type { Translate } from '~/i18n/translate'
import { devNotifications, publicUrl } from '~/features/notifications/index.server'
import { logger } from '~/platform/logging.server'
import { isProduction } from '~/platform/runtime.server'

// Emails to advisors (password reset, invitation) are sent during the request, not through
// the residents' outbox: the person waiting on the page must learn at once when the SMTP
// server refuses, and a link that was not delivered is withdrawn (decision 071).

let configured: Mailer | null | undefined
let devFallback: Mailer | undefined

function advisorMailer(): Mailer | null {
  if (configured === undefined) {
    const settings = mailSettingsFromEnv()
    configured = settings ? createMailer(settings) : null
  }
  if (configured) return configured
  if (isProduction()) return null
  // Dev: the worker's capture, so /dev/outbox shows these emails with the others.
  return devNotifications().mailer ?? (devFallback ??= createMailer(null))
}

/** The absolute URL of a path, from PUBLIC_URL: never from the request's Host header. */
export const absoluteUrl = (path: string) => `${publicUrl()}${path}`

export type LinkMail = {
  to: string
  /** i18n section with subject, greeting, body, action and footer keys. */
  section: 'workspace.password.mail' | 'workspace.admin.inviteMail'
  values: Record<string, string>
  link: string
}

/** Sends one email with a link; false when it could not be sent (the caller says so). */
export async function sendLinkMail(t: Translate, mail: LinkMail): Promise<boolean> {
  const mailer = advisorMailer()
  if (!mailer) {
    logger.error('advisor email not sent: no SMTP settings (SMTP_URL or SMTP_HOST)')
    return false
  }
  const line = (key: string) => t(`${mail.section}.${key}`, mail.values)
  const { subject, text, html } = renderLinkEmail({
    locale: t('language.code') === 'en' ? 'en' : 'fr',
    subject: line('subject'),
    before: [line('greeting'), line('body')],
    action: line('action'),
    url: mail.link,
    after: [line('footer')],
  })
  try {
    await mailer.send({ to: mail.to, subject, text, html })
    return true
  } catch (error) {
    // The message of an SMTP error may name the mailbox: log its code only.
    const code = (error as { code?: unknown }).code
    logger.error({ smtpCode: code ?? null }, 'advisor email not sent')
    return false
  }
}
