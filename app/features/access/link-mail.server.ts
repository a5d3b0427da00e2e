import { configuredMailer } from '~/features/notifications/index.server'
import { renderLinkEmail } from '~/domain/notifications/templates'
import type { Translate } from '~/i18n/translate'
import { config } from '~/platform/config/config.server'
import { logger } from '~/platform/logging.server'

// Emails to advisors with a one-time link (password reset, invitation), sent at once rather
// than through the residents' outbox; a link that was not delivered is withdrawn by the
// caller (decision 071).

// In the demo, the capture the worker also uses: /dev/outbox shows these emails with the others.
let mailer: ReturnType<typeof configuredMailer> | undefined
const advisorMailer = () => (mailer ??= configuredMailer(config()))

/** The absolute URL of a path, from PUBLIC_URL: never from the request's Host header. */
export const absoluteUrl = (path: string) => `${config().publicUrl}${path}`

export type LinkMail = {
  to: string
  /** i18n section with subject, greeting, body, action and footer keys. */
  section: 'workspace.password.mail' | 'workspace.admin.inviteMail' | 'retention.advisorMail'
  values: Record<string, string>
  link: string
}

/** Sends one email with a link; false when it could not be sent (the caller says so). */
export async function sendLinkMail(t: Translate, mail: LinkMail): Promise<boolean> {
  const mailer = advisorMailer()
  if (!mailer) {
    logger.error('advisor email not sent: emails are turned off (NOTIFY_EMAIL=off)')
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
