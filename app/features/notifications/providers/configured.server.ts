import type { AppConfig } from '~/platform/config/config.server'
import { startFakeTwilio, type FakeTwilio } from './fake-twilio.server'
import { CAPTURE_LIMIT, createMailer, type Mailer } from './mailer.server'
import { createTwilioChannel, DEV_TWILIO, type TwilioChannel } from './twilio.server'

// The providers this process sends through: the configured ones, or in the demo a fake
// Twilio server on 127.0.0.1 and an email capture. Production never gets a local one (it
// refuses to start without real settings, config/refusals.server.ts). The local providers
// are one per process, shared by the Remix build and the entry that load this module
// separately, so /dev/outbox shows what the worker and the link emails really sent.

export type LocalProviders = { fakeTwilio: FakeTwilio | null; mailCapture: Mailer | null }
const local: LocalProviders = ((
  globalThis as { __permanenceLocalProviders?: LocalProviders }
).__permanenceLocalProviders ??= { fakeTwilio: null, mailCapture: null })

/** What the demo's local providers hold in this process (none in production). */
export function localProviders(): Readonly<LocalProviders> {
  return local
}

type Warn = (message: string) => void

/** SMS and calls: the real Twilio, the demo's fake (started here), or none when both are off. */
export async function configuredTwilio(
  settings: AppConfig,
  warn: Warn,
): Promise<{ channel: TwilioChannel | null; stop: () => Promise<void> }> {
  const { sms, voice, twilio } = settings.notifications
  const none = { channel: null, stop: async () => undefined }
  if (!sms && !voice) return none
  if (twilio) return { channel: createTwilioChannel(twilio), stop: none.stop }
  if (!settings.demo) return none
  const fake = await startFakeTwilio({ keep: CAPTURE_LIMIT })
  local.fakeTwilio = fake
  warn(`No Twilio credentials: SMS and calls go to a local fake Twilio at ${fake.baseUrl}`)
  return {
    channel: createTwilioChannel({ ...DEV_TWILIO, baseUrl: fake.baseUrl }),
    stop: async () => {
      if (local.fakeTwilio === fake) local.fakeTwilio = null
      await fake.close()
    },
  }
}

/** Email: the SMTP server, the demo's capture, or none when NOTIFY_EMAIL=off. */
export function configuredMailer(settings: AppConfig): Mailer | null {
  const { email, smtp, mailFrom } = settings.notifications
  if (!email) return null
  if (smtp) return createMailer({ ...smtp, from: mailFrom })
  if (!settings.demo) return null
  local.mailCapture ??= createMailer(null)
  return local.mailCapture
}

/**
 * The server's own SMS sender, where an organisation sets none: TWILIO_FROM (the demo's
 * fake number without credentials); null with a messaging service, whose pool is numbers.
 */
export function smsSenderOfServer({ notifications, demo }: AppConfig): string | null {
  const { twilio } = notifications
  if (twilio) return twilio.messagingServiceSid ? null : (twilio.from ?? null)
  return demo ? DEV_TWILIO.from : null
}
