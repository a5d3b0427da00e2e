import type { Variables } from './variables.server'

// What a process refuses to start with, beyond a malformed value: the first problem found,
// as one line saying what to set. Production is fail-closed: it never seeds, never fakes a
// provider and never makes up a secret; each notification channel needs its real provider
// or an explicit NOTIFY_<CHANNEL>=off.

/** web: the HTTP server (with the worker unless WORKER=off); worker: `npm run worker`;
 * task: the CLIs and tests, which sign nothing and send nothing. */
export type Role = 'web' | 'worker' | 'task'

type Check = (values: Variables, role: Role) => string | null

const SECRET = 'SESSION_SECRET must be set to at least 32 random characters'

const secretInProduction: Check = (values) =>
  values.SESSION_SECRET ? null : `${SECRET} in production.`

// A random secret is only safe when one process signs everything: the web part and its own
// worker. A worker elsewhere would put links in messages that this process cannot open.
const secretShared: Check = (values, role) => {
  if (values.SESSION_SECRET) return null
  if (role === 'worker') return `${SECRET} when the worker runs alone, the same as the web's.`
  if (role === 'web' && values.WORKER === 'off') {
    return `${SECRET} with WORKER=off, the same as \`npm run worker\`'s.`
  }
  return null
}

const publicUrl: Check = (values) =>
  values.PUBLIC_URL
    ? null
    : 'PUBLIC_URL must be set in production to the address residents open, such as https://rdv.example.fr.'

const noDemoSeed: Check = (values) =>
  values.SEED_DEMO === '1'
    ? 'SEED_DEMO=1 is refused in production: the demo accounts have a published password.'
    : null

const noTwilioRedirect: Check = (values) =>
  values.TWILIO_BASE_URL ? 'TWILIO_BASE_URL is for tests only: unset it in production.' : null

function needs(channel: string, optOut: string, missing: string[]) {
  if (missing.length === 0) return null
  const list =
    missing.length > 1 ? `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}` : missing[0]
  return `Set ${list} for ${channel}, or ${optOut}=off: production never fakes a provider.`
}

const twilioAccount = (values: Variables) => [
  ...(values.TWILIO_ACCOUNT_SID ? [] : ['TWILIO_ACCOUNT_SID']),
  ...(values.TWILIO_AUTH_TOKEN ? [] : ['TWILIO_AUTH_TOKEN']),
]

const sms: Check = (values) =>
  values.NOTIFY_SMS === 'off'
    ? null
    : needs('SMS', 'NOTIFY_SMS', [
        ...twilioAccount(values),
        ...(values.TWILIO_FROM || values.TWILIO_MESSAGING_SERVICE_SID
          ? []
          : ['TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID']),
      ])

const voice: Check = (values) =>
  values.NOTIFY_VOICE === 'off'
    ? null
    : needs('voice calls', 'NOTIFY_VOICE', [
        ...twilioAccount(values),
        ...(values.TWILIO_FROM ? [] : ['TWILIO_FROM']),
      ])

const email: Check = (values) =>
  values.NOTIFY_EMAIL === 'off'
    ? null
    : needs('emails', 'NOTIFY_EMAIL', [
        ...(values.SMTP_URL || values.SMTP_HOST ? [] : ['SMTP_URL or SMTP_HOST']),
        ...(values.MAIL_FROM ? [] : ['MAIL_FROM']),
      ])

const PRODUCTION: Record<Role, Check[]> = {
  web: [secretInProduction, publicUrl, noDemoSeed, noTwilioRedirect, sms, voice, email],
  worker: [secretInProduction, publicUrl, noDemoSeed, noTwilioRedirect, sms, voice, email],
  task: [noDemoSeed, noTwilioRedirect],
}

const DEMO: Check[] = [secretShared]

/** The first reason this role cannot start with these values, or null. */
export function refusal(values: Variables, role: Role): string | null {
  const checks = values.NODE_ENV === 'production' ? PRODUCTION[role] : DEMO
  for (const check of checks) {
    const refused = check(values, role)
    if (refused) return refused
  }
  return null
}
