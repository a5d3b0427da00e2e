import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { db } from '~/platform/database/client.server'
import { appointmentMessages } from '~/features/notifications/index.server'
import {
  appointmentById,
  appointmentHistory,
  changeStatus,
  saveNote,
} from '~/features/desk/appointment.server'
import {
  attendanceOpen,
  CHANGEABLE_FROM,
  isCancellation,
  STATUS_CHANGES,
  type StatusChange,
} from '~/domain/booking/attendance'
import { AppointmentMessages } from '~/components/workspace/appointment-messages'
import { EarlierSlotAlert } from '~/features/desk/earlier-slot-alert'
import {
  alertChoiceForm,
  alertStateOf,
  askForAppointment,
  stopForAppointment,
} from '~/features/alerts/index.server'
import type { AskRefusal } from '~/domain/alerts/earlier-slot'
import { ChoiceGroup, ErrorSummary, TextField, useForm } from '~/components/form'
import type { FormReply } from '~/domain/input/problems'
import {
  noteForm,
  statusForm,
  type AppointmentChange,
} from '~/features/desk/appointment-forms.server'
import { formReply, maxLengthsOf, parseForm } from '~/platform/forms.server'
import { formatPhoneForDisplay } from '~/domain/residents/phone'
import { formatAppointmentDate, localDateOf } from '~/domain/time/format'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { requireAdvisor, requirePermission, type SignedIn } from '~/features/access/index.server'
import { appointmentReportPath } from '~/features/reports/index.server'
import { can } from '~/domain/access'

const KNOWN_ACTIONS = [
  'APPOINTMENT_BOOKED',
  'APPOINTMENT_CANCELLED_BY_RESIDENT',
  'APPOINTMENT_MOVED_BY_RESIDENT',
  'APPOINTMENT_HONOURED',
  'APPOINTMENT_NO_SHOW',
  'APPOINTMENT_EXCUSED',
  'APPOINTMENT_CANCELLED',
  'APPOINTMENT_NOTE',
  'EARLIER_SLOT_ASKED',
  'EARLIER_SLOT_STOPPED',
  'EARLIER_SLOT_TAKEN',
]

async function load(request: Request, id: string | undefined, action: 'view' | 'update') {
  const signedIn = await requireAdvisor(request)
  const appointment = await appointmentById(db(), id ?? '')
  requirePermission(
    signedIn.actor,
    action === 'view' ? 'appointment.view' : 'appointment.update',
    appointment
      ? { organisationId: appointment.organisationId, advisorId: appointment.advisorId }
      : null,
  )
  return { signedIn, appointment: appointment! }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { signedIn, appointment } = await load(request, params.appointmentId, 'view')
  const [t, language, history, messages, alert] = await Promise.all([
    fixedT(request),
    languageOf(request),
    appointmentHistory(db(), signedIn.organisation.id, appointment.id),
    appointmentMessages(db(), appointment.id),
    appointment.status === 'BOOKED' ? alertStateOf(db(), appointment.id, new Date()) : null,
  ])
  const zone = appointment.site?.timeZone ?? signedIn.organisation.timeZone
  const orgZone = signedIn.organisation.timeZone
  const resident = appointment.resident
  const residentName = `${resident.firstName} ${resident.lastName}`
  const url = new URL(request.url)
  return {
    title: t('workspace.appointment.title', { name: residentName }),
    saved: url.searchParams.get('enregistre') === '1',
    maxLengths: maxLengthsOf(statusForm, noteForm),
    moved: url.searchParams.get('deplace') === '1',
    alertNotice: (['asked', 'stopped'] as const).find((n) => url.searchParams.get('alerte') === n),
    alert,
    appointment: {
      id: appointment.id,
      residentId: resident.id,
      version: appointment.version,
      when: formatAppointmentDate(appointment.startsAt, zone, language),
      date: localDateOf(appointment.startsAt, zone),
      advisorId: appointment.advisorId,
      advisor: `${appointment.advisor.firstName} ${appointment.advisor.lastName}`,
      topic: appointment.topic.name,
      mode: appointment.mode,
      site: appointment.site?.name ?? null,
      phone: resident.phoneE164 ? formatPhoneForDisplay(resident.phoneE164) : null,
      email: resident.email,
      status: appointment.status,
      changeable: CHANGEABLE_FROM.includes(appointment.status),
      attendanceOpen: attendanceOpen(appointment, new Date()),
      resident: residentName,
      reason: appointment.cancellationReason,
      note: appointment.note,
      // Once honoured, its activity report is written from here (decision 085).
      report:
        appointment.status === 'HONOURED' &&
        can(signedIn.actor, 'report.manage', appointment.advisorId)
          ? {
              path: appointmentReportPath(appointment.id),
              filed: appointment.activityReport?.status === 'FILED',
            }
          : null,
    },
    messages: messages.map((message) => ({
      id: message.id,
      kind: message.kind,
      channel: message.channel,
      recipient: message.recipient,
      status: message.status,
      when: formatAppointmentDate(message.sentAt ?? message.dueAt, orgZone, language),
      error: message.status === 'FAILED' || message.status === 'SKIPPED' ? message.lastError : null,
    })),
    history: history.map((event) => ({
      id: event.id,
      when: formatAppointmentDate(event.createdAt, orgZone, language),
      who: event.advisor
        ? `${event.advisor.firstName} ${event.advisor.lastName}`
        : event.actorKind === 'RESIDENT'
          ? t('workspace.appointment.actorResident')
          : t('workspace.appointment.actorSystem'),
      // Known actions read in the reader's language; others (from later features) as logged.
      what:
        event.action === 'APPOINTMENT_MOVED'
          ? `${t('workspace.appointment.movedAction')} (${event.summary})`
          : KNOWN_ACTIONS.includes(event.action)
            ? t(`workspace.actions.${event.action}`)
            : event.summary,
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

type ActionData = FormReply & {
  intent: 'status' | 'note' | 'alert'
  problem?: 'STALE' | 'FINAL'
  /** Why no earlier-slot alert could be asked. */
  alertRefusal?: AskRefusal
  /** A cancellation waiting for its confirmation step. */
  confirm?: { status: StatusChange; reason: string }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { signedIn, appointment } = await load(request, params.appointmentId, 'update')
  const form = await request.formData()
  if (form.has('alert')) return alertAction(signedIn, appointment.id, form)
  const intent = form.get('intent') === 'note' ? ('note' as const) : ('status' as const)
  const parsed = parseForm(form, intent === 'note' ? noteForm : statusForm)
  if (!parsed.ok)
    return Response.json({ intent, ...parsed.reply } satisfies ActionData, { status: 400 })
  const change = parsed.value
  if (change.intent === 'status' && isCancellation(change.status) && !change.confirmed) {
    const confirm = { status: change.status, reason: change.reason ?? '' }
    return Response.json({ intent, ...formReply(parsed.values), confirm } satisfies ActionData)
  }
  const outcome = await write(signedIn, appointment.id, change)
  if (outcome === 'NOT_STARTED') {
    const reply = { intent, ...formReply(parsed.values, { status: { code: outcome } }) }
    return Response.json(reply satisfies ActionData, { status: 400 })
  }
  if (outcome !== 'CHANGED') {
    const reply = { intent, ...formReply(parsed.values), problem: outcome }
    return Response.json(reply satisfies ActionData, { status: 409 })
  }
  return redirect(`/espace/rendez-vous/${appointment.id}?enregistre=1`)
}

/** Reception (or the advisor) asks for earlier-slot alerts for the resident, or stops them. */
async function alertAction(signedIn: SignedIn, appointmentId: string, form: FormData) {
  const parsed = parseForm(form, alertChoiceForm)
  const page = `/espace/rendez-vous/${appointmentId}`
  if (!parsed.ok) return redirect(page)
  const staff = { kind: 'STAFF', actor: signedIn.actor } as const
  if (parsed.value.alert === 'stop') {
    await stopForAppointment(db(), appointmentId, staff)
    return redirect(`${page}?alerte=stopped`)
  }
  const asked = await askForAppointment(db(), appointmentId, staff, new Date())
  if (asked.ok) return redirect(`${page}?alerte=asked`)
  const reply = { intent: 'alert' as const, ...formReply({}), alertRefusal: asked.refusal }
  return Response.json(reply satisfies ActionData, { status: 409 })
}

function write(signedIn: SignedIn, appointmentId: string, data: AppointmentChange) {
  if (data.intent === 'note') {
    return saveNote(db(), signedIn.actor, { appointmentId, version: data.version, note: data.note })
  }
  return changeStatus(
    db(),
    signedIn.actor,
    { appointmentId, version: data.version, status: data.status, reason: data.reason },
    new Date(),
  )
}

export default function AppointmentPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const { t } = useTranslation()
  const a = data.appointment
  const statusView = useForm({
    reply: actionData?.intent === 'status' ? actionData : null,
    defaults: { status: a.status },
    maxLengths: data.maxLengths,
    labels: {
      status: t('workspace.appointment.newStatus'),
      reason: t('workspace.appointment.reason'),
    },
    messages: {
      status: { REQUIRED: 'workspace.appointment.statusRequired' },
      reason: { REQUIRED: 'workspace.appointment.reasonRequired' },
    },
  })
  const noteView = useForm({
    reply: actionData?.intent === 'note' ? actionData : null,
    defaults: { note: a.note ?? '' },
    maxLengths: data.maxLengths,
    labels: { note: t('workspace.appointment.noteLabel') },
  })
  const calendarLink = `/espace?conseiller=${a.advisorId}&date=${a.date}`
  return (
    <div className="page workspace">
      <p>
        <Link to={calendarLink}>{t('workspace.appointment.back')}</Link>
      </p>
      <h1>{data.title}</h1>
      {data.saved && !actionData ? (
        <p className="notice notice-success" role="status">
          {t('workspace.appointment.saved')}
        </p>
      ) : null}
      {data.moved && !actionData ? (
        <p className="notice notice-success" role="status">
          {t('workspace.appointment.moved')}
        </p>
      ) : null}
      {data.alertNotice && !actionData ? (
        <p className="notice notice-success" role="status">
          {t(`alerts.workspace.${data.alertNotice}`)}
        </p>
      ) : null}
      {actionData?.alertRefusal ? (
        <p className="notice error" role="alert">
          {t(`alerts.workspace.refusals.${actionData.alertRefusal}`)}
        </p>
      ) : null}
      {actionData?.problem ? (
        <p className="notice error" role="alert">
          {actionData.problem === 'STALE'
            ? t('workspace.appointment.stale')
            : t('workspace.appointment.final')}
        </p>
      ) : null}
      <ErrorSummary form={actionData?.intent === 'note' ? noteView : statusView} />
      <dl className="workspace-facts">
        <dt>{t('workspace.appointment.when')}</dt>
        <dd>{a.when}</dd>
        <dt>{t('workspace.appointment.topic')}</dt>
        <dd>{a.topic}</dd>
        <dt>{t('workspace.appointment.place')}</dt>
        <dd>
          {a.mode === 'PHONE'
            ? t('workspace.calendar.phone')
            : t('workspace.calendar.inPerson', { site: a.site ?? '' })}
        </dd>
        <dt>{t('workspace.appointment.advisor')}</dt>
        <dd>{a.advisor}</dd>
        <dt>{t('workspace.appointment.phone')}</dt>
        <dd>{a.phone ? <a href={`tel:${a.phone.replace(/\s/g, '')}`}>{a.phone}</a> : '—'}</dd>
        {a.email ? (
          <>
            <dt>{t('workspace.appointment.email')}</dt>
            <dd>{a.email}</dd>
          </>
        ) : null}
        <dt>{t('workspace.appointment.status')}</dt>
        <dd>
          {t(`workspace.calendar.status.${a.status}`)}
          {a.reason ? ` — ${a.reason}` : ''}
        </dd>
      </dl>

      <p>
        <Link to={`/espace/usagers/${a.residentId}`}>
          {t('workspace.appointment.residentLink')}
        </Link>
      </p>
      {a.report ? (
        <p>
          <Link to={a.report.path}>
            {a.report.filed ? t('reports.seeLink') : t('reports.writeLink')}
          </Link>
        </p>
      ) : null}
      {a.status === 'BOOKED' ? (
        <p>
          <Link to={`/espace/rendez-vous/${a.id}/deplacer`}>
            {t('workspace.appointment.moveLink')}
          </Link>
        </p>
      ) : null}

      {data.alert ? <EarlierSlotAlert alert={data.alert} /> : null}

      <AppointmentMessages messages={data.messages} />

      {a.changeable && actionData?.confirm ? (
        <section aria-labelledby="confirm-title" className="notice">
          <h2 id="confirm-title">{t('workspace.appointment.confirmTitle')}</h2>
          <p>
            {t(`workspace.appointment.confirm${actionData.confirm.status}`, {
              name: a.resident,
              when: a.when,
            })}
          </p>
          <p>{t('workspace.appointment.confirmReason', { reason: actionData.confirm.reason })}</p>
          <Form method="post" className="workspace-actions">
            <input type="hidden" name="intent" value="status" />
            <input type="hidden" name="version" value={a.version} />
            <input type="hidden" name="status" value={actionData.confirm.status} />
            <input type="hidden" name="reason" value={actionData.confirm.reason} />
            <input type="hidden" name="confirmed" value="on" />
            <button type="submit">{t('workspace.appointment.confirmYes')}</button>
            <Link to={`/espace/rendez-vous/${a.id}`}>{t('workspace.appointment.confirmNo')}</Link>
          </Form>
        </section>
      ) : a.changeable ? (
        <section aria-labelledby="attendance-title">
          <h2 id="attendance-title">{t('workspace.appointment.attendance')}</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="status" />
            <input type="hidden" name="version" value={a.version} />
            <ChoiceGroup
              form={statusView}
              name="status"
              type="radio"
              hint={a.attendanceOpen ? undefined : t('workspace.appointment.attendanceLater')}
              options={STATUS_CHANGES.map((status) => ({
                value: status,
                label: t(`workspace.calendar.status.${status}`),
              }))}
            />
            <TextField
              form={statusView}
              name="reason"
              hint={t('workspace.appointment.reasonHint')}
            />
            <button type="submit">{t('workspace.appointment.saveStatus')}</button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="note-title">
        <h2 id="note-title">{t('workspace.appointment.noteLabel')}</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="note" />
          <input type="hidden" name="version" value={a.version} />
          <TextField
            form={noteView}
            name="note"
            hint={t('workspace.appointment.noteHint')}
            multiline
            rows={4}
          />
          <button type="submit">{t('workspace.appointment.saveNote')}</button>
        </Form>
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('workspace.appointment.history')}</h2>
        {data.history.length === 0 ? (
          <p>{t('workspace.appointment.noHistory')}</p>
        ) : (
          <ol className="workspace-history">
            {data.history.map((event) => (
              <li key={event.id}>
                <strong>{event.when}</strong> · {event.who} · {event.what}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  )
}
