import { fixedT, languageOf } from '~/i18n/i18n.server'
import { createHash, randomBytes } from 'node:crypto'
import { createCookie, redirect } from '@remix-run/node'
import { db } from '~/platform/database/client.server'
import {
  authorise,
  receivesAppointments,
  type Action,
  type Actor,
  type Resource,
} from '~/domain/access'
import { verifyPassword } from './passwords.server'
import { consume, forgive, refund, type Limit } from '~/platform/rate-limit.server'
import { config } from '~/platform/config/config.server'

// Advisor sessions (docs/decisions/030-advisor-sign-in-and-access.md): a random token in
// an httpOnly cookie, only its SHA-256 in AdvisorSession, so a session can be listed,
// ended, and ended everywhere, and a database leak gives no usable cookie.

export const SIGN_IN_PATH = '/espace/connexion'
const SESSION_HOURS = 12
const TOUCH_EVERY_MS = 5 * 60_000

/**
 * Sign-in throttling that does not help an attacker (decision 013). Attempts are counted
 * when made and given back when they succeed, so only failures stay counted:
 * - per account and client (a browser that signed in to the account before, else the
 *   address): 10 failures a quarter of an hour; someone guessing elsewhere does not lock
 *   the real advisor out;
 * - per account from browsers that never signed in to it: 50 failures an hour, against
 *   guessing from many addresses; the advisor's own browser is exempt;
 * - per address: 100 failures a quarter of an hour; a town hall's staff behind one address
 *   never reach it in normal use, a spray over many accounts does.
 */
const SIGN_IN_LIMITS = {
  perClient: { name: 'sign-in-client', points: 10, seconds: 15 * 60 },
  perAccount: { name: 'sign-in-account', points: 50, seconds: 60 * 60 },
  perAddress: { name: 'sign-in-address', points: 100, seconds: 15 * 60 },
} satisfies Record<string, Limit>

const DEVICE_DAYS = 365
let deviceCookie: ReturnType<typeof createCookie> | undefined
/** Marks a browser that signed in to one account: `<random id>.<account hash>`, signed. */
function knownDeviceCookie() {
  deviceCookie ??= createCookie('advisor_device', {
    path: SIGN_IN_PATH,
    httpOnly: true,
    sameSite: 'lax',
    secure: config().production,
    secrets: [config().sessionSecret],
    maxAge: DEVICE_DAYS * 86_400,
  })
  return deviceCookie
}

/** The id of this browser when it signed in to this account before, else null. */
async function knownDevice(cookieHeader: string | null, accountKey: string) {
  const value: unknown = await knownDeviceCookie().parse(cookieHeader)
  if (typeof value !== 'string') return null
  const [id, account] = value.split('.')
  return id && account === accountKey ? id : null
}

let cookie: ReturnType<typeof createCookie> | undefined
function sessionCookie() {
  cookie ??= createCookie('advisor_session', {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config().production,
    maxAge: SESSION_HOURS * 3600,
  })
  return cookie
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')

export type SignedIn = {
  actor: Actor
  sessionId: string
  advisor: {
    id: string
    firstName: string
    lastName: string
    email: string
    role: Actor['role']
    /** Whether they have an agenda of their own (decision 065). */
    receivesAppointments: boolean
  }
  organisation: { id: string; name: string; slug: string; timeZone: string }
}

export type SignInResult =
  | { ok: true; setCookies: string[] }
  | { ok: false; problem: 'INVALID_CREDENTIALS' | 'TOO_MANY_ATTEMPTS' }

/**
 * Checks an email and a password. Every failure says the same thing, whether the email
 * exists or not; attempts are counted first (SIGN_IN_LIMITS), failures stay counted.
 */
export async function signIn(input: {
  email: string
  password: string
  clientAddress: string
  /** The request's Cookie header: a browser that signed in to this account before. */
  cookies: string | null
  userAgent: string | null
  now?: Date
}): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase()
  const accountKey = sha256(email)
  const device = await knownDevice(input.cookies, accountKey)
  const counted: [Limit, string][] = [
    [
      SIGN_IN_LIMITS.perClient,
      `${accountKey}:${device ? `device:${device}` : input.clientAddress}`,
    ],
    ...(device ? [] : [[SIGN_IN_LIMITS.perAccount, accountKey] as [Limit, string]]),
    [SIGN_IN_LIMITS.perAddress, input.clientAddress],
  ]
  const allowed = await Promise.all(counted.map(([limit, key]) => consume(limit, key)))
  if (allowed.includes(false)) return { ok: false, problem: 'TOO_MANY_ATTEMPTS' }
  const advisor = await db().advisor.findUnique({ where: { email } })
  const usable = advisor?.active ? advisor : null
  const matches = await verifyPassword(usable?.passwordHash ?? null, input.password)
  if (!usable || !matches) return { ok: false, problem: 'INVALID_CREDENTIALS' }
  await Promise.all([
    forgive(SIGN_IN_LIMITS.perClient, counted[0]![1]),
    ...counted.slice(1).map(([limit, key]) => refund(limit, key)),
  ])
  const token = randomBytes(32).toString('base64url')
  const now = input.now ?? new Date()
  await db().advisorSession.create({
    data: {
      advisorId: usable.id,
      tokenHash: sha256(token),
      userAgent: input.userAgent?.slice(0, 200) ?? null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600_000),
    },
  })
  const deviceId = device ?? randomBytes(16).toString('base64url')
  return {
    ok: true,
    setCookies: [
      await sessionCookie().serialize(token),
      await knownDeviceCookie().serialize(`${deviceId}.${accountKey}`),
    ],
  }
}

async function tokenOf(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(request.headers.get('Cookie'))
  return typeof value === 'string' && value.length > 0 && value.length < 100 ? value : null
}

/** The signed-in advisor of this request, or null (no cookie, expired, revoked, inactive). */
export async function currentAdvisor(request: Request): Promise<SignedIn | null> {
  const token = await tokenOf(request)
  if (!token) return null
  const session = await db().advisorSession.findUnique({
    where: { tokenHash: sha256(token) },
    include: {
      advisor: { include: { organisation: true, _count: { select: { openingRules: true } } } },
    },
  })
  const now = new Date()
  if (!session || session.revokedAt || session.expiresAt <= now || !session.advisor.active) {
    return null
  }
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db().advisorSession.update({ where: { id: session.id }, data: { lastSeenAt: now } })
  }
  const { advisor } = session
  return {
    actor: { advisorId: advisor.id, organisationId: advisor.organisationId, role: advisor.role },
    sessionId: session.id,
    advisor: {
      id: advisor.id,
      firstName: advisor.firstName,
      lastName: advisor.lastName,
      email: advisor.email,
      role: advisor.role,
      receivesAppointments: receivesAppointments({
        role: advisor.role,
        openingRules: advisor._count.openingRules,
      }),
    },
    organisation: {
      id: advisor.organisation.id,
      name: advisor.organisation.name,
      slug: advisor.organisation.slug,
      timeZone: advisor.organisation.timeZone,
    },
  }
}

/** The signed-in advisor, or a redirect to the sign-in page that comes back here. */
export async function requireAdvisor(request: Request): Promise<SignedIn> {
  const signedIn = await currentAdvisor(request)
  if (signedIn) return signedIn
  const url = new URL(request.url)
  const back = `${url.pathname}${url.search}`
  throw redirect(`${SIGN_IN_PATH}?redirectTo=${encodeURIComponent(back)}`)
}

/**
 * Refuses unless the actor may do this: 404 for another organisation's resource (or one
 * that does not exist), 403 for one of their own organisation they may not touch.
 */
export function requirePermission(actor: Actor, action: Action, resource: Resource | null) {
  const decision = resource ? authorise(actor, action, resource) : 'NOT_FOUND'
  if (decision === 'NOT_FOUND') throw new Response('Not found', { status: 404 })
  if (decision === 'FORBIDDEN') throw new Response('Forbidden', { status: 403 })
}

/** Ends this request's session; returns the cookie that clears it. */
export async function signOut(request: Request): Promise<string> {
  const token = await tokenOf(request)
  if (token) {
    await db().advisorSession.updateMany({
      where: { tokenHash: sha256(token), revokedAt: null },
      data: { revokedAt: new Date() },
    })
  }
  return sessionCookie().serialize('', { maxAge: 0 })
}

/** The advisor's sessions still valid, newest first. */
export function activeSessions(advisorId: string, now = new Date()) {
  return db().advisorSession.findMany({
    where: { advisorId, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { lastSeenAt: 'desc' },
    select: { id: true, userAgent: true, createdAt: true, lastSeenAt: true },
  })
}

/** Ends every session of the advisor but the one in use; returns how many. */
export async function endOtherSessions(signedIn: SignedIn): Promise<number> {
  const { count } = await db().advisorSession.updateMany({
    where: { advisorId: signedIn.advisor.id, revokedAt: null, id: { not: signedIn.sessionId } },
    data: { revokedAt: new Date() },
  })
  return count
}

/** Ends one session of the advisor (never another advisor's); false when none matched. */
export async function endSession(signedIn: SignedIn, sessionId: string): Promise<boolean> {
  const { count } = await db().advisorSession.updateMany({
    where: { id: sessionId, advisorId: signedIn.advisor.id, revokedAt: null },
    data: { revokedAt: new Date() },
  })
  return count === 1
}

/** The signed-in admin of the organisation; 403 for other roles, sign-in when anonymous. */
export async function requireAdmin(request: Request) {
  const signedIn = await requireAdvisor(request)
  requirePermission(signedIn.actor, 'organisation.administer', {
    organisationId: signedIn.actor.organisationId,
  })
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  return {
    signedIn,
    t,
    language,
  }
}
