import type { AppConfig } from '~/platform/config/config.server'
import type { Db } from '~/platform/database/client.server'
import type { Channel } from '~/domain/notifications/policy'
import { captureError } from '~/platform/error-reporting.server'
import {
  configuredMailer,
  configuredTwilio,
  smsSenderOfServer,
} from './providers/configured.server'
import { Dispatcher } from './dispatcher.server'

// Builds the worker from the configuration: the configured providers, or in the demo a fake
// Twilio server in this process and an email capture (providers/configured.server.ts).

export type RunningWorker = { dispatcher: Dispatcher; stop: () => Promise<void> }

type Log = {
  info: (o: object, m: string) => void
  warn: (m: string) => void
  error: (o: object, m: string) => void
}

export async function startNotificationWorker(
  db: Db,
  settings: AppConfig,
  log: Log,
): Promise<RunningWorker> {
  const twilio = await configuredTwilio(settings, (message) => log.warn(message))
  const mailer = configuredMailer(settings)
  if (mailer?.captured) log.warn('No SMTP settings: emails are captured locally, not sent')
  const base = settings.publicUrl
  const { notifications } = settings
  const dispatcher = new Dispatcher({
    db,
    provider: settings.database.provider,
    twilio: twilio.channel,
    mailer,
    render: {
      publicUrl: base,
      secret: settings.sessionSecret,
      voiceActionUrl: (id) => `${base}/webhooks/twilio/voice?n=${id}`,
      offerActionUrl: (id) => `${base}/webhooks/twilio/offer?n=${id}`,
      smsFrom: smsSenderOfServer(settings),
    },
    statusCallbackUrl: (id) => `${base}/webhooks/twilio/status?n=${id}`,
    perNumberDailySms: notifications.smsPerNumberPerDay,
    ratePerSecond: notifications.twilioRatePerSecond ?? undefined,
    turnedOff: turnedOff(settings),
    onError: (error) => {
      log.error({ err: error }, 'notification worker error')
      captureError(error, { task: 'notification worker' })
    },
  })
  dispatcher.start()
  log.info({ owner: dispatcher.owner }, 'notification worker started')
  return {
    dispatcher,
    stop: async () => {
      await dispatcher.stop()
      mailer?.close()
      await twilio.stop()
    },
  }
}

/** The channels the operator turned off (NOTIFY_SMS, NOTIFY_VOICE, NOTIFY_EMAIL). */
function turnedOff({ notifications }: AppConfig): Channel[] {
  const on: Record<Channel, boolean> = {
    SMS: notifications.sms,
    VOICE: notifications.voice,
    EMAIL: notifications.email,
  }
  return (Object.keys(on) as Channel[]).filter((channel) => !on[channel])
}
