import { isIP } from 'node:net'
import { z } from 'zod'
import { DEFAULT_ACQUIRE_TIMEOUT_MS } from '~/platform/database/config.server'
import { ConfigError } from './errors.server'

// Every environment variable the app reads, named once: its schema, its default as the
// README's configuration table states it (tests/unit/foundation/readme-config.test.ts
// compares the two), and what a valid value looks like, for the one line an operator reads
// when it is not. Values are never echoed back: several are secrets or carry passwords.

type Variable<S extends z.ZodTypeAny> = { schema: S; documentedDefault: string; expects: string }

function variable<S extends z.ZodTypeAny>(
  schema: S,
  documentedDefault: string,
  expects: string,
): Variable<S> {
  return { schema, documentedDefault, expects }
}

const UNSET = 'unset'
const text = z.string().trim().min(1)
const optionalText = (expects: string) => variable(text.optional(), UNSET, expects)
const wholeNumber = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int().min(min).max(max)
const onOff = (documented = '`on`') =>
  variable(z.enum(['on', 'off']).default('on'), documented, '"on" or "off"')
const flag = z.enum(['0', '1'])
// Express's names for address ranges, an address, or an address with its prefix length.
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal'])
const isProxyAddress = (value: string) => {
  if (PROXY_RANGES.has(value)) return true
  const [address, bits, extra] = value.split('/')
  if (extra !== undefined || !address || isIP(address) === 0) return false
  return bits === undefined || /^\d{1,3}$/u.test(bits)
}
const proxies = z
  .string()
  .trim()
  .refine(
    (value) =>
      value === '0' ||
      value === '1' ||
      value.split(',').every((item) => isProxyAddress(item.trim())),
  )
const httpAddress = z
  .string()
  .refine((value) => {
    if (!URL.canParse(value)) return false
    const url = new URL(value)
    return /^https?:$/u.test(url.protocol) && !url.search && !url.hash
  })
  .transform((value) => value.replace(/\/+$/u, ''))

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

export const VARIABLES = {
  NODE_ENV: variable(
    z.enum(['production', 'development', 'test']).optional(),
    UNSET,
    'production, development or test, or unset (the demo)',
  ),
  PORT: variable(wholeNumber(0, 65_535).default(3000), '`3000`', 'a port number (0 to 65535)'),
  HOST: variable(
    text.optional(),
    '`127.0.0.1` in the demo, `0.0.0.0` in production',
    'an address to listen on, such as 127.0.0.1 or 0.0.0.0',
  ),
  PUBLIC_URL: variable(
    httpAddress.optional(),
    '`http://localhost:$PORT` in the demo; required in production',
    'an http(s) address without query, such as https://rdv.example.fr',
  ),
  SESSION_SECRET: variable(
    z.string().min(32).optional(),
    'random per process in the demo; required in production',
    'at least 32 random characters',
  ),
  DATABASE_URL: variable(
    text.default('file:./data/permanence.db'),
    '`file:./data/permanence.db`',
    'file:<path> or postgresql://user:password@host:5432/database',
  ),
  DATABASE_POOL_SIZE: variable(wholeNumber(1).default(10), '`10`', 'a whole number of 1 or more'),
  DATABASE_ACQUIRE_TIMEOUT_MS: variable(
    wholeNumber(1).default(DEFAULT_ACQUIRE_TIMEOUT_MS),
    `\`${DEFAULT_ACQUIRE_TIMEOUT_MS}\``,
    'a whole number of milliseconds, 1 or more',
  ),
  LOG_LEVEL: variable(
    z.enum(LOG_LEVELS).optional(),
    '`info` (`silent` under tests)',
    `one of ${LOG_LEVELS.join(', ')}`,
  ),
  TRUST_PROXY: variable(
    proxies.default('0'),
    '`0`',
    "0, 1 (one reverse proxy in front), or the proxies' addresses: loopback, 10.0.0.5, 10.0.0.0/8",
  ),
  SEED_DEMO: variable(flag.optional(), '`1` in the demo, `0` in production', '1 or 0'),
  WORKER: onOff(),
  TASKS_EVERY_SECONDS: variable(
    wholeNumber(1, 3_600).default(30),
    '`30`',
    'a whole number of seconds, 1 to 3600',
  ),
  READ_CACHE: onOff(),
  NOTIFY_SMS: onOff(),
  NOTIFY_VOICE: onOff(),
  NOTIFY_EMAIL: onOff(),
  TWILIO_ACCOUNT_SID: optionalText('a Twilio account SID (AC…)'),
  TWILIO_AUTH_TOKEN: optionalText('the Twilio auth token'),
  TWILIO_FROM: optionalText('a sender number in E.164 form or an alphanumeric sender'),
  TWILIO_MESSAGING_SERVICE_SID: optionalText('a Twilio messaging service SID (MG…)'),
  TWILIO_BASE_URL: variable(httpAddress.optional(), UNSET, 'an http(s) address'),
  TWILIO_RATE_PER_SECOND: variable(
    z.coerce.number().positive().optional(),
    UNSET,
    'a number above 0',
  ),
  SMS_PER_NUMBER_PER_DAY: variable(
    wholeNumber(1).default(10),
    '`10`',
    'a whole number of 1 or more',
  ),
  SMTP_URL: variable(
    z
      .string()
      .regex(/^smtps?:\/\/\S+$/u)
      .optional(),
    UNSET,
    'smtp://user:password@host:587 or smtps://…',
  ),
  SMTP_HOST: optionalText('a host name'),
  SMTP_PORT: variable(wholeNumber(1, 65_535).default(587), '`587`', 'a port number'),
  SMTP_SECURE: variable(flag.optional(), '`1` when `SMTP_PORT` is 465, else `0`', '1 or 0'),
  SMTP_USER: optionalText('a user name'),
  SMTP_PASS: optionalText('a password'),
  MAIL_FROM: variable(
    text.optional(),
    '`Permanence <ne-pas-repondre@permanence.invalid>` in the demo; required in production',
    'a sender such as Permanence <rdv@example.fr>',
  ),
  SENTRY_DSN: variable(
    z
      .string()
      .trim()
      .refine((value) => {
        if (!URL.canParse(value)) return false
        const url = new URL(value)
        return (
          /^https?:$/u.test(url.protocol) &&
          url.username !== '' &&
          /^\/(.+\/)?\d+$/u.test(url.pathname)
        )
      })
      .optional(),
    UNSET,
    'a Sentry DSN such as https://<public key>@o0.ingest.sentry.io/<project id>',
  ),
  METRICS_TOKEN: variable(
    z.string().trim().min(32).optional(),
    UNSET,
    'at least 32 random characters',
  ),
}

export type VariableName = keyof typeof VARIABLES
export type Variables = {
  [Name in VariableName]: z.output<(typeof VARIABLES)[Name]['schema']>
}
export type Environment = Readonly<Record<string, string | undefined>>

/**
 * The variables of the environment, each checked against its schema. An empty value counts
 * as unset, so `SESSION_SECRET=` in a shell or a compose file means "none".
 */
export function parseVariables(env: Environment): Variables {
  const values: Record<string, unknown> = {}
  for (const [name, { schema, expects }] of Object.entries(VARIABLES)) {
    const raw = env[name]
    const parsed = schema.safeParse(raw === '' ? undefined : raw)
    if (!parsed.success) throw new ConfigError(`${name} must be ${expects}.`)
    values[name] = parsed.data
  }
  return values as Variables
}
