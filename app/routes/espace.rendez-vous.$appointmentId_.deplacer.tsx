import { AdvisorPicker } from '~/components/workspace/advisor-picker'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { DateTime } from 'luxon'
import { useTranslation } from '~/i18n/use-translation'
import { availability } from '~/features/schedule/index.server'
import { db } from '~/platform/database/client.server'
import { moveToSlot } from '~/features/manage/index.server'
import { appointmentById } from '~/features/desk/appointment.server'
import { Choice, ErrorSummary, FieldGroup, useForm } from '~/components/form'
import type { FormReply } from '~/domain/input/problems'
import { moveForm } from '~/features/desk/appointment-forms.server'
import { formReply, parseForm } from '~/platform/forms.server'
import { formatAppointmentDate, formatDay, formatTime, localDateOf } from '~/domain/time/format'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { requireAdvisor, requirePermission } from '~/features/access/index.server'
import { dayRange, requestedDate, weekDates } from '~/domain/time/days'

// /espace/rendez-vous/:id/deplacer?semaine=YYYY-MM-DD&conseiller=<id>: move a booked
// appointment to another slot of the same engine, optionally with another advisor.

async function load(request: Request, id: string | undefined) {
  const signedIn = await requireAdvisor(request)
  const appointment = await appointmentById(db(), id ?? '')
  requirePermission(
    signedIn.actor,
    'appointment.update',
    appointment
      ? { organisationId: appointment.organisationId, advisorId: appointment.advisorId }
      : null,
  )
  const advisors = await db().advisor.findMany({
    where: { organisationId: signedIn.organisation.id, active: true },
    orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }],
    select: { id: true, firstName: true, lastName: true },
  })
  return { signedIn, appointment: appointment!, advisors }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { signedIn, appointment, advisors } = await load(request, params.appointmentId)
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  const url = new URL(request.url)
  const zone = appointment.site?.timeZone ?? signedIn.organisation.timeZone
  const chosenAdvisor = advisors.find((a) => a.id === url.searchParams.get('conseiller'))?.id ?? ''
  const now = new Date()
  const movable = appointment.status === 'BOOKED'
  const wanted = {
    organisationId: appointment.organisationId,
    topicId: appointment.topicId,
    mode: appointment.mode,
    siteId: appointment.siteId,
    now,
  }
  const anyone = await availability(db(), wanted)
  // With an advisor chosen, the week shown first is that of their first free time, not of
  // anyone's (which may hold none of theirs).
  const finder =
    chosenAdvisor && anyone.query.advisorIds?.includes(chosenAdvisor)
      ? await availability(db(), { ...wanted, advisorId: chosenAdvisor }, anyone.context)
      : anyone
  const first = movable ? await finder.first() : null
  const week = weekDates(
    requestedDate(
      url.searchParams.get('semaine') ?? localDateOf(first?.start ?? now, zone),
      zone,
      now,
    ),
    zone,
  )
  const from = dayRange(week[0]!, zone).from
  const to = dayRange(week[6]!, zone).to
  const slots = movable
    ? (await finder.slots({ from, to })).filter(
        (slot) =>
          slot.siteId === appointment.siteId &&
          (!chosenAdvisor || slot.advisorIds.includes(chosenAdvisor)),
      )
    : []
  const days = week.map((date) => {
    const range = dayRange(date, zone)
    return {
      date,
      label: formatDay(range.from, zone, language),
      slots: slots
        .filter((slot) => slot.start >= range.from && slot.start < range.to)
        .map((slot) => ({
          value: slot.start.toISOString(),
          label: formatTime(slot.start, zone, language),
          full: formatAppointmentDate(slot.start, zone, language),
        })),
    }
  })
  const link = (semaine: string) =>
    `/espace/rendez-vous/${appointment.id}/deplacer?${new URLSearchParams({
      semaine,
      ...(chosenAdvisor ? { conseiller: chosenAdvisor } : {}),
    }).toString()}`
  const shift = (days: number) => DateTime.fromISO(week[0]!).plus({ days }).toISODate()!
  return {
    title: t('workspace.appointment.moveTitle', {
      name: `${appointment.resident.firstName} ${appointment.resident.lastName}`,
    }),
    id: appointment.id,
    version: appointment.version,
    movable,
    current: formatAppointmentDate(appointment.startsAt, zone, language),
    currentAdvisor: `${appointment.advisor.firstName} ${appointment.advisor.lastName}`,
    advisors: advisors.map((a) => ({ id: a.id, name: `${a.firstName} ${a.lastName}` })),
    chosenAdvisor,
    weekLabel: t('journey.slot.weekOf', { day: days[0]!.label }),
    previousWeek: link(shift(-7)),
    nextWeek: link(shift(7)),
    firstWeek: first ? link(localDateOf(first.start, zone)) : null,
    days,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

type ActionData = FormReply & { problem?: 'STALE' | 'SLOT_TAKEN' | 'SLOT_UNAVAILABLE' }

export async function action({ request, params }: ActionFunctionArgs) {
  const { signedIn, appointment, advisors } = await load(request, params.appointmentId)
  const parsed = parseForm(await request.formData(), moveForm)
  if (!parsed.ok) {
    // The version is the page's, not the person's: without it the form was not ours.
    if (parsed.reply.errors.version) throw new Response('Bad request', { status: 400 })
    return Response.json(parsed.reply satisfies ActionData, { status: 400 })
  }
  const advisorId = parsed.value.conseiller || null
  if (advisorId && !advisors.some((advisor) => advisor.id === advisorId)) {
    throw new Response('Not found', { status: 404 })
  }
  const outcome = await moveToSlot(db(), {
    appointment,
    start: new Date(parsed.value.start),
    advisorId,
    expectedVersion: parsed.value.version,
    actor: { kind: 'ADVISOR', advisorId: signedIn.advisor.id },
    now: new Date(),
  })
  if (outcome !== 'MOVED') {
    const reply = { ...formReply(parsed.values), problem: outcome }
    return Response.json(reply satisfies ActionData, { status: 409 })
  }
  return redirect(`/espace/rendez-vous/${appointment.id}?deplace=1`)
}

export default function MoveAppointment() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const { t } = useTranslation()
  const form = useForm({
    reply: actionData,
    labels: { start: data.weekLabel },
    messages: { start: { REQUIRED: 'workspace.booking.slotRequired' } },
  })
  return (
    <div className="page workspace">
      <p>
        <Link to={`/espace/rendez-vous/${data.id}`}>{t('workspace.slip.back')}</Link>
      </p>
      <h1>{data.title}</h1>
      <ErrorSummary form={form} />
      {actionData?.problem ? (
        <p className="notice error" role="alert">
          {t(`workspace.appointment.moveProblems.${actionData.problem}`)}
        </p>
      ) : null}
      <p>
        {t('workspace.appointment.moveCurrent', {
          when: data.current,
          advisor: data.currentAdvisor,
        })}
      </p>
      {!data.movable ? (
        <p>{t('workspace.appointment.notMovable')}</p>
      ) : (
        <>
          <Form method="get" className="workspace-filter">
            <input type="hidden" name="semaine" value={data.days[0]!.date} />
            <AdvisorPicker
              id="field-conseiller"
              advisors={data.advisors}
              value={data.chosenAdvisor}
              anyLabel={t('workspace.appointment.anyAdvisor')}
            />
            <button type="submit">{t('workspace.booking.showSlots')}</button>
          </Form>
          <nav aria-label={data.weekLabel} className="week-nav">
            <ul>
              <li>
                <Link to={data.previousWeek}>{t('journey.slot.previousWeek')}</Link>
              </li>
              <li>
                <Link to={data.nextWeek}>{t('journey.slot.nextWeek')}</Link>
              </li>
              {data.firstWeek ? (
                <li>
                  <Link to={data.firstWeek}>{t('journey.slot.firstAvailable')}</Link>
                </li>
              ) : null}
            </ul>
          </nav>
          <Form method="post" noValidate>
            <input type="hidden" name="version" value={data.version} />
            <input type="hidden" name="conseiller" value={data.chosenAdvisor} />
            <FieldGroup form={form} name="start">
              {data.days.map((day) => (
                <div key={day.date}>
                  <h2>{day.label}</h2>
                  {day.slots.length === 0 ? (
                    <p>{t('journey.slot.noSlotDay')}</p>
                  ) : (
                    day.slots.map((slot) => (
                      <Choice
                        key={slot.value}
                        form={form}
                        name="start"
                        type="radio"
                        value={slot.value}
                        label={slot.full}
                      />
                    ))
                  )}
                </div>
              ))}
            </FieldGroup>
            <button type="submit">{t('workspace.appointment.moveSubmit')}</button>
          </Form>
        </>
      )}
    </div>
  )
}
