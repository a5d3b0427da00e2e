import { randomBytes } from 'node:crypto'
import { resolveDatabaseConfig, type DatabaseConfig } from '~/platform/database/config.server'
import { ConfigError } from './errors.server'
import { refusal, type Role } from './refusals.server'
import { LOG_LEVELS, parseVariables, type Environment, type Variables } from './variables.server'

export type { Role } from './refusals.server'

// The configuration of this process, parsed once at start by the entry point (web, worker,
// the CLIs; the test set-up for tests) and then read by whatever needs it. The Remix build
// and the tsx entry each load this module (decision 018): the parsed value and the demo's
// random secret live in one holder on globalThis, so both copies read the same ones.

export type TwilioConfig = {
  accountSid: string
  authToken: string
  from: string | null
  messagingServiceSid: string | null
  /** Tests and benchmarks only: where the SDK's api.twilio.com requests really go. */
  baseUrl: string | null
}

export type SmtpConfig =
  | { url: string }
  | { host: string; port: number; secure: boolean; user: string | null; pass: string | null }

export type AppConfig = {
  production: boolean
  /** Any NODE_ENV but production, unset included: demo data, local providers, a banner. */
  demo: boolean
  port: number
  host: string
  publicUrl: string
  /**
   * Whom to believe about the client's address (X-Forwarded-For), as Express's `trust
   * proxy` reads it: nobody, the one hop in front, or these proxy addresses only.
   */
  trustProxy: false | 1 | string[]
  logLevel: (typeof LOG_LEVELS)[number]
  /** Signs cookies and derives manage-link tokens; the same for the web part and the worker. */
  sessionSecret: string
  seedDemo: boolean
  /** The notification worker runs inside the web process. */
  worker: boolean
  /** Seconds between two runs of the worker's periodic tasks (holds, alerts, tallies, retention). */
  tasksEverySeconds: number
  /** The few seconds of shared week of free times (decision 097); off, benchmarks see its real cost. */
  readCache: boolean
  database: DatabaseConfig
  /** The bearer token /metrics asks for; null: /metrics is not served (decision 093). */
  metricsToken: string | null
  /** Where unexpected errors are reported; null: nowhere but the logs (decision 099). */
  sentryDsn: string | null
  notifications: {
    sms: boolean
    voice: boolean
    email: boolean
    /** Real Twilio credentials; null in the demo without them (a local fake then). */
    twilio: TwilioConfig | null
    /** A real SMTP server; null in the demo without one (a local capture then). */
    smtp: SmtpConfig | null
    mailFrom: string
    smsPerNumberPerDay: number
    twilioRatePerSecond: number | null
  }
}

type Holder = { config?: AppConfig; demoSecret?: string }
const holder: Holder = ((globalThis as { __permanenceConfig?: Holder }).__permanenceConfig ??= {})

/**
 * Parses the environment for this process and keeps the result; refuses (ConfigError, one
 * line) what this role cannot run with. Called again, it replaces the configuration (tests
 * do) but keeps the process's demo secret.
 */
export function loadConfig(role: Role, env: Environment = process.env): AppConfig {
  const values = parseVariables(env)
  const refused = refusal(values, role)
  if (refused) throw new ConfigError(refused)
  holder.config = build(values)
  return holder.config
}

/** The configuration the entry point loaded. */
export function config(): AppConfig {
  if (!holder.config) {
    throw new Error('The configuration is read before loadConfig() ran: load it at start.')
  }
  return holder.config
}

function build(values: Variables): AppConfig {
  const production = values.NODE_ENV === 'production'
  const port = values.PORT
  return {
    production,
    demo: !production,
    port,
    host: values.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    publicUrl: values.PUBLIC_URL ?? `http://localhost:${port}`,
    trustProxy: trustProxyOf(values.TRUST_PROXY),
    logLevel: values.LOG_LEVEL ?? (values.NODE_ENV === 'test' ? 'silent' : 'info'),
    // Without one, only a process that does everything itself may sign (refusals.server.ts).
    sessionSecret: values.SESSION_SECRET ?? (holder.demoSecret ??= randomBytes(32).toString('hex')),
    seedDemo: values.SEED_DEMO ? values.SEED_DEMO === '1' : !production,
    worker: values.WORKER === 'on',
    tasksEverySeconds: values.TASKS_EVERY_SECONDS,
    readCache: values.READ_CACHE === 'on',
    database: databaseOf(values),
    metricsToken: values.METRICS_TOKEN ?? null,
    sentryDsn: values.SENTRY_DSN ?? null,
    notifications: {
      sms: values.NOTIFY_SMS === 'on',
      voice: values.NOTIFY_VOICE === 'on',
      email: values.NOTIFY_EMAIL === 'on',
      twilio: twilioOf(values),
      smtp: smtpOf(values),
      mailFrom: values.MAIL_FROM ?? 'Permanence <ne-pas-repondre@permanence.invalid>',
      smsPerNumberPerDay: values.SMS_PER_NUMBER_PER_DAY,
      twilioRatePerSecond: values.TWILIO_RATE_PER_SECOND ?? null,
    },
  }
}

function trustProxyOf(value: string): AppConfig['trustProxy'] {
  if (value === '0') return false
  if (value === '1') return 1
  return value.split(',').map((item) => item.trim())
}

function databaseOf(values: Variables): DatabaseConfig {
  const database = {
    ...resolveDatabaseConfig(values.DATABASE_URL, process.cwd()),
    acquireTimeoutMs: values.DATABASE_ACQUIRE_TIMEOUT_MS,
  }
  return database.provider === 'postgresql'
    ? { ...database, poolSize: values.DATABASE_POOL_SIZE }
    : database
}

function twilioOf(values: Variables): TwilioConfig | null {
  if (!values.TWILIO_ACCOUNT_SID || !values.TWILIO_AUTH_TOKEN) return null
  return {
    accountSid: values.TWILIO_ACCOUNT_SID,
    authToken: values.TWILIO_AUTH_TOKEN,
    from: values.TWILIO_FROM ?? null,
    messagingServiceSid: values.TWILIO_MESSAGING_SERVICE_SID ?? null,
    baseUrl: values.TWILIO_BASE_URL ?? null,
  }
}

function smtpOf(values: Variables): SmtpConfig | null {
  if (values.SMTP_URL) return { url: values.SMTP_URL }
  if (!values.SMTP_HOST) return null
  return {
    host: values.SMTP_HOST,
    port: values.SMTP_PORT,
    secure: values.SMTP_SECURE ? values.SMTP_SECURE === '1' : values.SMTP_PORT === 465,
    user: values.SMTP_USER ?? null,
    pass: values.SMTP_PASS ?? null,
  }
}
