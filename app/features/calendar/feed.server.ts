import type { Actor } from '~/domain/access'
import { recordAudit } from '~/platform/audit.server'
import type { Db } from '~/platform/database/client.server'
import { newSecret, sha256 } from '~/features/access/index.server'

// An advisor's secret calendar feed (decision 070): only the SHA-256 of its token is
// stored; a new token or a revocation ends the old address.

const asDb = (tx: unknown) => tx as Db

/** A new feed secret for the advisor (replacing any previous one); shown once. */
export async function createFeedToken(db: Db, actor: Actor): Promise<string> {
  const token = newSecret()
  await db.$transaction(async (tx) => {
    await tx.advisor.update({
      where: { id: actor.advisorId },
      data: { calendarFeedTokenHash: sha256(token) },
    })
    await recordAudit(asDb(tx), {
      actor,
      action: 'CALENDAR_FEED_CREATED',
      entityType: 'Advisor',
      entityId: actor.advisorId,
      summary: 'feed created',
    })
  })
  return token
}

export async function revokeFeedToken(db: Db, actor: Actor) {
  await db.$transaction(async (tx) => {
    await tx.advisor.update({
      where: { id: actor.advisorId },
      data: { calendarFeedTokenHash: null },
    })
    await recordAudit(asDb(tx), {
      actor,
      action: 'CALENDAR_FEED_REVOKED',
      entityType: 'Advisor',
      entityId: actor.advisorId,
      summary: 'feed revoked',
    })
  })
}

export async function hasFeed(db: Db, advisorId: string) {
  const advisor = await db.advisor.findUnique({
    where: { id: advisorId },
    select: { calendarFeedTokenHash: true },
  })
  return Boolean(advisor?.calendarFeedTokenHash)
}

/** The feed's advisor, appointments and workshop sessions in [from, to), or null for an unknown token. */
export async function feedContents(db: Db, token: string, from: Date, to: Date) {
  if (!/^[A-Za-z0-9_-]{20,100}$/u.test(token)) return null
  const advisor = await db.advisor.findUnique({
    where: { calendarFeedTokenHash: sha256(token) },
    select: { id: true, active: true, organisation: { select: { name: true } } },
  })
  if (!advisor || !advisor.active) return null
  const appointments = await db.appointment.findMany({
    where: { advisorId: advisor.id, startsAt: { gte: from, lt: to } },
    orderBy: { startsAt: 'asc' },
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      status: true,
      mode: true,
      version: true,
      resident: { select: { firstName: true, lastName: true } },
      topic: { select: { name: true } },
      site: { select: { name: true, address: true, city: true } },
    },
  })
  const sessions = await db.workshopSession.findMany({
    where: { advisors: { some: { advisorId: advisor.id } }, startsAt: { gte: from, lt: to } },
    orderBy: { startsAt: 'asc' },
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      status: true,
      version: true,
      seatCount: true,
      topic: { select: { name: true } },
      site: { select: { name: true, address: true, city: true } },
      _count: { select: { registrations: { where: { seatId: { not: null } } } } },
    },
  })
  return { organisationName: advisor.organisation.name, appointments, sessions }
}
