import { redirect } from '@remix-run/node'
import { z } from 'zod'
import { NAME_MAX_LENGTH } from '~/domain/residents/identity'
import type { FormReply } from '~/domain/input/problems'
import { formatPhoneForDisplay } from '~/domain/residents/phone'
import { formatAppointmentDate } from '~/domain/time/format'
import { ATTENDANCE_MARKS, type AttendanceMark } from '~/domain/workshops/participants'
import { seatsLeft } from '~/domain/workshops/seats'
import { requireAdvisor, requirePermission } from '~/features/access/index.server'
import { contactFields, contactStepSchema } from '~/features/journey/index.server'
import { residentById, residentContactOf, searchResidents } from '~/features/residents/index.server'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { config } from '~/platform/config/config.server'
import { db } from '~/platform/database/client.server'
import { optionalText } from '~/platform/form-fields.server'
import { formReply, maxLengthsOf, parseForm, refusalOf } from '~/platform/forms.server'
import { sessionById } from './queries.server'
import { markAttendance, registerForSession } from './registration.server'
import { workspaceSessionPath } from './paths'
import { sessionZone } from './session-views.server'

// What reception and advisors do with a session's participants (decision 082): mark who
// came once it has started, and register someone at the desk or on the phone with the
// desk's resident search and contact fields.

async function sessionOf(request: Request, id: string | undefined) {
  const signedIn = await requireAdvisor(request)
  const session = await sessionById(db(), id ?? '')
  requirePermission(
    signedIn.actor,
    'workshop.participants',
    session ? { organisationId: session.organisationId } : null,
  )
  return { signedIn, session: session! }
}

const attendanceForm = z.object({
  registrationId: z.string(),
  mark: z.enum(ATTENDANCE_MARKS as [AttendanceMark, ...AttendanceMark[]]),
})

export type AttendanceData = FormReply & { problem?: 'NOT_STARTED' | 'CANCELLED' }

/** Présent, absent or excusé for one participant of the session. */
export async function submitAttendance(request: Request, id: string | undefined) {
  const { signedIn, session } = await sessionOf(request, id)
  const parsed = parseForm(await request.formData(), attendanceForm)
  if (!parsed.ok) return Response.json(parsed.reply satisfies AttendanceData, { status: 400 })
  const { registrationId, mark } = parsed.value
  if (!session.registrations.some((registration) => registration.id === registrationId)) {
    throw new Response('Not found', { status: 404 })
  }
  const outcome = await markAttendance(
    db(),
    {
      organisationId: session.organisationId,
      registrationId,
      mark,
      actorAdvisorId: signedIn.advisor.id,
    },
    new Date(),
  )
  if (!outcome.ok) {
    if (outcome.reason === 'NOT_FOUND') throw new Response('Not found', { status: 404 })
    const data: AttendanceData = { ...formReply(parsed.values), problem: outcome.reason }
    return Response.json(data, { status: outcome.reason === 'NOT_STARTED' ? 400 : 409 })
  }
  return redirect(`${workspaceSessionPath(session.id)}?presence=1#participants`)
}

const registrationFields = z.object({
  usager: z.string(),
  companionName: optionalText(NAME_MAX_LENGTH),
})

/**
 * /espace/ateliers/<id>/inscrire: find the person (?q=), or take a new one (?usager=nouveau),
 * then register them, with a companion if they bring one.
 */
export async function registrationPage(request: Request, id: string | undefined) {
  const { signedIn, session } = await sessionOf(request, id)
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  const url = new URL(request.url)
  const query = url.searchParams.get('q') ?? ''
  const usager = url.searchParams.get('usager') ?? ''
  const results = query ? await searchResidents(db(), signedIn.organisation.id, query) : []
  const known = usager && usager !== 'nouveau' ? await residentById(db(), usager) : null
  if (usager && usager !== 'nouveau') {
    requirePermission(
      signedIn.actor,
      'workshop.participants',
      known ? { organisationId: known.organisationId } : null,
    )
  }
  const zone = sessionZone(session, signedIn.organisation.timeZone)
  const now = new Date()
  const show = (found: {
    id: string
    firstName: string
    lastName: string
    phoneE164: string | null
  }) => ({
    id: found.id,
    name: `${found.firstName} ${found.lastName}`,
    phone: found.phoneE164 ? formatPhoneForDisplay(found.phoneE164) : null,
  })
  return {
    title: t('workspace.workshops.register.title', {
      topic: session.topic.name,
      when: formatAppointmentDate(session.startsAt, zone, language),
    }),
    id: session.id,
    open: session.status === 'SCHEDULED' && session.startsAt > now,
    left: seatsLeft({
      seatCount: session.seatCount,
      taken: session._count.registrations,
      held: session._count.seats,
    }),
    query,
    searched: query.length > 0,
    results: results.map(show),
    usager,
    isNew: usager === 'nouveau',
    resident: known ? show(known) : null,
    maxLengths: maxLengthsOf(registrationFields, contactFields),
  }
}

export type RegistrationData = FormReply & {
  problem?: 'FULL' | 'CLOSED' | 'ALREADY_REGISTERED'
}

export async function submitRegistration(request: Request, id: string | undefined) {
  const { signedIn, session } = await sessionOf(request, id)
  const form = await request.formData()
  const registration = parseForm(form, registrationFields)
  if (!registration.ok) throw new Response('Bad request', { status: 400 })
  const { usager, companionName } = registration.value
  const known = usager !== 'nouveau' ? await residentById(db(), usager) : null
  if (usager !== 'nouveau') {
    requirePermission(
      signedIn.actor,
      'workshop.participants',
      known ? { organisationId: known.organisationId } : null,
    )
  }
  const organisation = await db().organisation.findUniqueOrThrow({
    where: { id: signedIn.organisation.id },
    select: { allowedPhoneRegions: true },
  })
  const contact = known
    ? null
    : parseForm(form, contactStepSchema({ mode: 'IN_PERSON', organisation }))
  const refused = refusalOf(registration, ...(contact ? [contact] : []))
  if (refused || (contact && !contact.ok)) {
    return Response.json(refused! satisfies RegistrationData, { status: 400 })
  }
  const resident = known
    ? residentContactOf(known)
    : { ...contact!.value.resident, language: 'fr' as const }
  const outcome = await registerForSession(
    db(),
    {
      organisationId: session.organisationId,
      sessionId: session.id,
      resident,
      helper: null,
      companionName,
      createdVia: signedIn.advisor.role === 'RECEPTION' ? 'RECEPTION' : 'ADVISOR',
      idempotencyKeyHash: null,
      actorAdvisorId: signedIn.advisor.id,
    },
    new Date(),
    config().sessionSecret,
  )
  if (!outcome.ok) {
    if (outcome.reason === 'NOT_FOUND') throw new Response('Not found', { status: 404 })
    const data: RegistrationData = { ...formReply(registration.values), problem: outcome.reason }
    return Response.json(data, { status: 409 })
  }
  return redirect(`${workspaceSessionPath(session.id)}?inscrit=1#participants`)
}
