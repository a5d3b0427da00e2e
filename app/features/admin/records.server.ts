import type { Actor } from '~/domain/access'
import type { InviteInput, SiteInput, TopicInput } from './forms.server'
import { recordAudit } from '~/platform/audit.server'
import { redirect } from '@remix-run/node'
import type { z, ZodTypeAny } from 'zod'
import { db, type Db } from '~/platform/database/client.server'
import { formReply, parseForm, renderedUpdatedAt } from '~/platform/forms.server'

// Writes of the administration pages (sites, topics, advisors, settings).
// Every query is scoped by the actor's organisation; the caller checked the permission.
// Records other than appointments detect stale edits by the updatedAt the form showed:
// `updateMany where {id, updatedAt}` changes nothing when someone saved in between.

// FORMAT_IN_USE: a topic with appointments or sessions to come cannot turn into the other
// kind (its appointments would be workshops without seats, or the reverse).
export type SaveOutcome = 'SAVED' | 'STALE' | 'NOT_FOUND' | 'FORMAT_IN_USE'

function audit(
  db: Db,
  actor: Actor,
  action: string,
  entityType: string,
  entityId: string,
  summary: string,
) {
  return recordAudit(db, { actor, action, entityType, entityId, summary })
}

const asDb = (tx: unknown) => tx as Db

// ---- Sites

export function listSites(db: Db, organisationId: string) {
  return db.site.findMany({
    where: { organisationId },
    orderBy: [{ active: 'desc' }, { name: 'asc' }],
    include: { _count: { select: { openingRules: true, appointments: true } } },
  })
}

export function findSite(db: Db, id: string) {
  return db.site.findUnique({ where: { id } })
}

export async function createSite(db: Db, actor: Actor, input: SiteInput) {
  return db.$transaction(async (tx) => {
    const site = await tx.site.create({ data: { ...input, organisationId: actor.organisationId } })
    await audit(asDb(tx), actor, 'SITE_CREATED', 'Site', site.id, `site "${site.name}" created`)
    return site
  })
}

export async function updateSite(
  db: Db,
  actor: Actor,
  id: string,
  updatedAt: Date,
  data: Partial<SiteInput> & { active?: boolean },
): Promise<SaveOutcome> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.site.updateMany({
      where: { id, organisationId: actor.organisationId, updatedAt },
      data,
    })
    if (count === 0) return 'STALE'
    const action =
      data.active === false ? 'SITE_DEACTIVATED' : data.active ? 'SITE_REACTIVATED' : 'SITE_UPDATED'
    await audit(asDb(tx), actor, action, 'Site', id, Object.keys(data).sort().join(', '))
    return 'SAVED'
  })
}

// ---- Topics

export function listTopics(db: Db, organisationId: string) {
  return db.topic.findMany({
    where: { organisationId },
    orderBy: [{ active: 'desc' }, { name: 'asc' }],
  })
}

export function findTopic(db: Db, id: string) {
  return db.topic.findUnique({ where: { id } })
}

export async function createTopic(db: Db, actor: Actor, input: TopicInput) {
  return db.$transaction(async (tx) => {
    const topic = await tx.topic.create({
      data: { ...input, organisationId: actor.organisationId },
    })
    await audit(
      asDb(tx),
      actor,
      'TOPIC_CREATED',
      'Topic',
      topic.id,
      `topic "${topic.name}" created`,
    )
    return topic
  })
}

/** Whether turning the topic into `format` would strand what is booked on it. */
async function formatInUse(db: Db, id: string, format: TopicInput['format']) {
  const now = new Date()
  const topic = await db.topic.findUnique({ where: { id }, select: { format: true } })
  if (!topic || topic.format === format) return false
  const [appointments, sessions] = await Promise.all([
    db.appointment.count({ where: { topicId: id, status: 'BOOKED', endsAt: { gt: now } } }),
    db.workshopSession.count({ where: { topicId: id, status: 'SCHEDULED', endsAt: { gt: now } } }),
  ])
  return appointments + sessions > 0
}

export async function updateTopic(
  db: Db,
  actor: Actor,
  id: string,
  updatedAt: Date,
  data: Partial<TopicInput> & { active?: boolean },
): Promise<SaveOutcome> {
  return db.$transaction(async (tx) => {
    if (data.format && (await formatInUse(asDb(tx), id, data.format))) return 'FORMAT_IN_USE'
    const { count } = await tx.topic.updateMany({
      where: { id, organisationId: actor.organisationId, updatedAt },
      data,
    })
    if (count === 0) return 'STALE'
    const action =
      data.active === false
        ? 'TOPIC_DEACTIVATED'
        : data.active
          ? 'TOPIC_REACTIVATED'
          : 'TOPIC_UPDATED'
    await audit(asDb(tx), actor, action, 'Topic', id, Object.keys(data).sort().join(', '))
    return 'SAVED'
  })
}

// ---- Advisors

export function listAdvisors(db: Db, organisationId: string) {
  return db.advisor.findMany({
    where: { organisationId },
    orderBy: [{ active: 'desc' }, { lastName: 'asc' }, { firstName: 'asc' }],
    select: {
      id: true,
      firstName: true,
      lastName: true,
      email: true,
      role: true,
      active: true,
      passwordHash: true,
      updatedAt: true,
    },
  })
}

export function findAdvisor(db: Db, id: string) {
  return db.advisor.findUnique({
    where: { id },
    select: {
      id: true,
      organisationId: true,
      firstName: true,
      lastName: true,
      email: true,
      role: true,
      active: true,
      passwordHash: true,
      updatedAt: true,
    },
  })
}

/** A new advisor without a password; false when the email is already used. */
export async function createInvitedAdvisor(db: Db, actor: Actor, input: InviteInput) {
  const taken = await db.advisor.findUnique({ where: { email: input.email }, select: { id: true } })
  if (taken) return null
  return db.$transaction(async (tx) => {
    const advisor = await tx.advisor.create({
      data: { ...input, organisationId: actor.organisationId, passwordHash: null },
    })
    await audit(
      asDb(tx),
      actor,
      'ADVISOR_INVITED',
      'Advisor',
      advisor.id,
      `${input.firstName} ${input.lastName} invited as ${input.role}`,
    )
    return advisor
  })
}

/** Future appointments still booked with the advisor: deactivating would orphan them. */
export function futureBooked(db: Db, advisorId: string, now: Date) {
  return db.appointment.findMany({
    where: { advisorId, status: 'BOOKED', startsAt: { gt: now } },
    orderBy: { startsAt: 'asc' },
    select: {
      id: true,
      startsAt: true,
      mode: true,
      resident: { select: { firstName: true, lastName: true } },
      topic: { select: { name: true } },
      site: { select: { name: true, timeZone: true } },
    },
  })
}

export type DeactivateOutcome = 'DEACTIVATED' | 'SELF' | 'LAST_ADMIN' | 'HAS_APPOINTMENTS' | 'STALE'

/**
 * Deactivates an advisor: sessions revoked, calendar feed removed, no longer offered to
 * residents (the slot engine reads active advisors only). Refused for oneself, for the
 * last active admin, and while future appointments are booked unless confirmed.
 */
export async function deactivateAdvisor(
  db: Db,
  actor: Actor,
  input: { advisorId: string; updatedAt: Date; confirmed: boolean },
  now: Date,
): Promise<DeactivateOutcome> {
  if (input.advisorId === actor.advisorId) return 'SELF'
  return db.$transaction(async (tx) => {
    const advisor = await tx.advisor.findFirst({
      where: { id: input.advisorId, organisationId: actor.organisationId },
      select: { role: true, active: true, firstName: true, lastName: true },
    })
    if (!advisor || !advisor.active) return 'STALE'
    if (advisor.role === 'ADMIN') {
      const admins = await tx.advisor.count({
        where: { organisationId: actor.organisationId, role: 'ADMIN', active: true },
      })
      if (admins <= 1) return 'LAST_ADMIN'
    }
    if (!input.confirmed) {
      const booked = await tx.appointment.count({
        where: { advisorId: input.advisorId, status: 'BOOKED', startsAt: { gt: now } },
      })
      if (booked > 0) return 'HAS_APPOINTMENTS'
    }
    const { count } = await tx.advisor.updateMany({
      where: { id: input.advisorId, updatedAt: input.updatedAt, active: true },
      data: { active: false, calendarFeedTokenHash: null },
    })
    if (count === 0) return 'STALE'
    await tx.advisorSession.updateMany({
      where: { advisorId: input.advisorId, revokedAt: null },
      data: { revokedAt: now },
    })
    await tx.advisorToken.updateMany({
      where: { advisorId: input.advisorId, usedAt: null },
      data: { usedAt: now },
    })
    await audit(
      asDb(tx),
      actor,
      'ADVISOR_DEACTIVATED',
      'Advisor',
      input.advisorId,
      `${advisor.firstName} ${advisor.lastName} deactivated`,
    )
    return 'DEACTIVATED'
  })
}

export async function reactivateAdvisor(
  db: Db,
  actor: Actor,
  input: { advisorId: string; updatedAt: Date },
): Promise<SaveOutcome> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.advisor.updateMany({
      where: {
        id: input.advisorId,
        organisationId: actor.organisationId,
        updatedAt: input.updatedAt,
        active: false,
      },
      data: { active: true },
    })
    if (count === 0) return 'STALE'
    await audit(asDb(tx), actor, 'ADVISOR_REACTIVATED', 'Advisor', input.advisorId, 'reactivated')
    return 'SAVED'
  })
}

export async function auditInvitationSent(db: Db, actor: Actor, advisorId: string) {
  await audit(db, actor, 'ADVISOR_INVITATION_SENT', 'Advisor', advisorId, 'invitation email sent')
}

// ---- Organisation settings

export function findOrganisation(db: Db, id: string) {
  return db.organisation.findUnique({ where: { id } })
}

export async function updateSettings(
  db: Db,
  actor: Actor,
  updatedAt: Date,
  data: Record<string, string | number | null>,
): Promise<SaveOutcome> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.organisation.updateMany({
      where: { id: actor.organisationId, updatedAt },
      data,
    })
    if (count === 0) return 'STALE'
    await audit(
      asDb(tx),
      actor,
      'ORGANISATION_SETTINGS_UPDATED',
      'Organisation',
      actor.organisationId,
      Object.keys(data).sort().join(', '),
    )
    return 'SAVED'
  })
}

/**
 * The answer to one of the organisation's settings forms (the settings, the legal pages):
 * refused as typed (400), refused when the form showed older settings (409: the page
 * shows the current ones, not what was typed), or saved and back to `savedPath`.
 */
export async function answerSettingsForm<S extends ZodTypeAny>(
  actor: Actor,
  form: FormData,
  schema: S,
  columns: (value: z.infer<S>) => Record<string, string | number | null>,
  savedPath: string,
): Promise<Response> {
  const parsed = parseForm(form, schema)
  if (!parsed.ok) return Response.json(parsed.reply, { status: 400 })
  const outcome = await updateSettings(db(), actor, renderedUpdatedAt(form), columns(parsed.value))
  if (outcome !== 'SAVED') return Response.json({ ...formReply({}), stale: true }, { status: 409 })
  return redirect(savedPath)
}
