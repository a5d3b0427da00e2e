import type { Db } from '~/platform/database/client.server'
import type { DatabaseConfig } from '~/platform/database/config.server'
import { smsPerNumberPerDay } from './outbox.server'
import {
  startFakeTwilio,
  type FakeTwilio,
} from '~/features/notifications/providers/fake-twilio.server'
import {
  createMailer,
  mailSettingsFromEnv,
  type Mailer,
} from '~/features/notifications/providers/mailer.server'
import {
  createTwilioChannel,
  DEV_TWILIO,
  twilioSettingsFromEnv,
  type TwilioChannel,
} from '~/features/notifications/providers/twilio.server'
import { isProduction } from '~/platform/runtime.server'
import { sessionSecret } from '~/platform/secrets.server'
import { Dispatcher } from './dispatcher.server'

// Builds the worker from the environment. Without Twilio credentials outside production,
// a fake Twilio server runs in this process; without SMTP settings, email is captured.
// What the dev mode produced is reachable through devNotifications() (dev outbox page).

export type DevNotifications = { fakeTwilio: FakeTwilio | null; mailer: Mailer | null }
const devHolder: DevNotifications = ((
  globalThis as { __permanenceDevNotifications?: DevNotifications }
).__permanenceDevNotifications ??= { fakeTwilio: null, mailer: null })

export function devNotifications(): DevNotifications {
  return devHolder
}

export function publicUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.PUBLIC_URL || `http://localhost:${env.PORT ?? 3000}`).replace(/\/+$/u, '')
}

export type RunningWorker = { dispatcher: Dispatcher; stop: () => Promise<void> }

export async function startNotificationWorker(
  db: Db,
  config: DatabaseConfig,
  log: {
    info: (o: object, m: string) => void
    warn: (m: string) => void
    error: (o: object, m: string) => void
  },
): Promise<RunningWorker> {
  let twilio: TwilioChannel | null = null
  let fake: FakeTwilio | null = null
  const settings = twilioSettingsFromEnv()
  if (settings) {
    twilio = createTwilioChannel(settings)
  } else if (!isProduction()) {
    fake = await startFakeTwilio()
    devHolder.fakeTwilio = fake
    twilio = createTwilioChannel({ ...DEV_TWILIO, baseUrl: fake.baseUrl })
    log.warn(`No Twilio credentials: SMS and calls go to a local fake Twilio at ${fake.baseUrl}`)
  } else {
    log.warn('No Twilio credentials (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN): SMS and calls wait')
  }
  const mailSettings = mailSettingsFromEnv()
  const mailer = mailSettings || !isProduction() ? createMailer(mailSettings) : null
  if (!mailSettings) {
    if (mailer) devHolder.mailer = mailer
    log.warn(
      mailer
        ? 'No SMTP settings: emails are captured locally, not sent'
        : 'No SMTP settings (SMTP_URL or SMTP_HOST): emails wait',
    )
  }
  const base = publicUrl()
  const dispatcher = new Dispatcher({
    db,
    provider: config.provider,
    twilio,
    mailer,
    render: {
      publicUrl: base,
      secret: sessionSecret(),
      voiceActionUrl: (id) => `${base}/webhooks/twilio/voice?n=${id}`,
    },
    statusCallbackUrl: (id) => `${base}/webhooks/twilio/status?n=${id}`,
    perNumberDailySms: smsPerNumberPerDay(),
    ratePerSecond: process.env.TWILIO_RATE_PER_SECOND
      ? Number(process.env.TWILIO_RATE_PER_SECOND)
      : undefined,
    onError: (error) => log.error({ err: error }, 'notification worker error'),
  })
  dispatcher.start()
  log.info({ owner: dispatcher.owner }, 'notification worker started')
  return {
    dispatcher,
    stop: async () => {
      await dispatcher.stop()
      mailer?.close()
      await fake?.close()
    },
  }
}
