import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { db } from '~/platform/database/client.server'
import {
  isOwnResident,
  possibleDuplicates,
  residentAppointments,
  residentHistory,
  residentRecord,
  residentWorkshops,
  updateResident,
} from '~/features/residents/directory.server'
import { workspaceSessionPath } from '~/features/workshops/index.server'
import { Choice, ErrorSummary, SelectField, TextField, useForm } from '~/components/form'
import type { FormReply } from '~/domain/input/problems'
import { residentEditForm } from '~/features/residents/forms.server'
import { formReply, maxLengthsOf, parseForm } from '~/platform/forms.server'
import { can, type Action } from '~/domain/access'
import { formatPhoneForDisplay } from '~/domain/residents/phone'
import { formatAppointmentDate } from '~/domain/time/format'
import { contactFields, contactStepSchema } from '~/features/journey/index.server'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { requireAdvisor, requirePermission } from '~/features/access/index.server'

// /espace/usagers/:residentId: contact details (editable), appointments, workshop seats,
// history and possible duplicates of one resident.

const KNOWN_ACTIONS = ['RESIDENT_UPDATED', 'RESIDENT_MERGED', 'RESIDENT_MERGED_INTO']

async function load(request: Request, id: string | undefined, action: Action) {
  const signedIn = await requireAdvisor(request)
  const resident = await residentRecord(db(), id ?? '')
  const own =
    resident?.organisationId === signedIn.actor.organisationId &&
    (await isOwnResident(db(), signedIn.actor, resident.id))
  requirePermission(
    signedIn.actor,
    action,
    resident
      ? {
          organisationId: resident.organisationId,
          advisorId: own ? signedIn.actor.advisorId : null,
        }
      : null,
  )
  return { signedIn, resident: resident! }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { signedIn, resident } = await load(request, params.residentId, 'resident.view')
  const { actor, organisation } = signedIn
  const [t, language, appointments, workshops, history, duplicates] = await Promise.all([
    fixedT(request),
    languageOf(request),
    residentAppointments(db(), resident.id),
    residentWorkshops(db(), resident.id),
    residentHistory(db(), organisation.id, resident.id),
    possibleDuplicates(db(), resident),
  ])
  const url = new URL(request.url)
  const now = Date.now()
  const appointmentRows = appointments.map((appointment) => ({
    id: appointment.id,
    when: formatAppointmentDate(
      appointment.startsAt,
      appointment.site?.timeZone ?? organisation.timeZone,
      language,
    ),
    upcoming: appointment.startsAt.getTime() >= now,
    status: appointment.status,
    topic: appointment.topic.name,
    place: appointment.mode === 'PHONE' ? null : (appointment.site?.name ?? null),
    advisor: `${appointment.advisor.firstName} ${appointment.advisor.lastName}`,
    // Links only where the reader may open the appointment (policy, not role checks).
    canOpen: can(actor, 'appointment.view', appointment.advisorId),
  }))
  return {
    title: `${resident.firstName} ${resident.lastName}`,
    notice:
      url.searchParams.get('enregistre') === '1'
        ? 'saved'
        : url.searchParams.get('fusionne') === '1'
          ? 'merged'
          : null,
    resident: {
      id: resident.id,
      updatedAt: resident.updatedAt.toISOString(),
      firstName: resident.firstName,
      lastName: resident.lastName,
      phone: resident.phoneE164 ? formatPhoneForDisplay(resident.phoneE164) : '',
      phoneType: resident.phoneType,
      email: resident.email ?? '',
      language: resident.preferredLanguage === 'en' ? 'en' : 'fr',
      consent: resident.notificationConsent,
      smsOptedOut: resident.smsOptedOut,
      createdVia: resident.createdVia,
      createdAt: formatAppointmentDate(resident.createdAt, organisation.timeZone, language),
    },
    upcoming: appointmentRows.filter((row) => row.upcoming).reverse(),
    past: appointmentRows.filter((row) => !row.upcoming),
    workshops: workshops.map((row) => ({
      id: row.id,
      path: workspaceSessionPath(row.session.id),
      when: formatAppointmentDate(
        row.session.startsAt,
        row.session.site.timeZone ?? organisation.timeZone,
        language,
      ),
      topic: row.session.topic.name,
      place: row.session.site.name,
      status: row.status,
      companion: row.companion ?? null,
    })),
    history: history.map((event) => ({
      id: event.id,
      when: formatAppointmentDate(event.createdAt, organisation.timeZone, language),
      who: event.advisor
        ? `${event.advisor.firstName} ${event.advisor.lastName}`
        : t('workspace.appointment.actorSystem'),
      what: KNOWN_ACTIONS.includes(event.action)
        ? `${t(`workspace.residents.actions.${event.action}`)} (${event.summary})`
        : event.summary,
    })),
    maxLengths: maxLengthsOf(contactFields),
    canMerge: can(actor, 'resident.merge'),
    canExport: can(actor, 'resident.export'),
    canErase: can(actor, 'resident.erase') && resident.anonymisedAt === null,
    duplicates: duplicates.map((match) => ({
      id: match.resident.id,
      name: `${match.resident.firstName} ${match.resident.lastName}`,
      phone: match.resident.phoneE164 ? formatPhoneForDisplay(match.resident.phoneE164) : null,
      email: match.resident.email,
      reasons: match.reasons,
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

type ActionData = FormReply & { problem?: 'STALE' }

export async function action({ request, params }: ActionFunctionArgs) {
  const { signedIn, resident } = await load(request, params.residentId, 'resident.update')
  const form = await request.formData()
  const organisation = await db().organisation.findUniqueOrThrow({
    where: { id: signedIn.organisation.id },
    select: { allowedPhoneRegions: true },
  })
  const base = parseForm(form, residentEditForm)
  if (!base.ok) throw new Response('Bad request', { status: 400 })
  const contact = parseForm(form, contactStepSchema({ mode: 'IN_PERSON', organisation }))
  if (!contact.ok) return Response.json(contact.reply satisfies ActionData, { status: 400 })
  const details = contact.value.resident
  const outcome = await updateResident(db(), signedIn.actor, {
    id: resident.id,
    updatedAt: new Date(base.value.updatedAt),
    changes: {
      firstName: details.firstName,
      lastName: details.lastName,
      searchKey: details.searchKey,
      phoneE164: details.phoneE164,
      phoneType: details.phoneType,
      email: details.email,
      preferredLanguage: base.value.language,
      notificationConsent: details.consent,
    },
  })
  if (outcome === 'STALE') {
    const reply = { ...formReply(contact.values), problem: 'STALE' as const }
    return Response.json(reply satisfies ActionData, { status: 409 })
  }
  return redirect(`/espace/usagers/${resident.id}?enregistre=1`)
}

function AppointmentList({
  rows,
}: {
  rows: ReturnType<typeof useLoaderData<typeof loader>>['past']
}) {
  const { t } = useTranslation()
  return (
    <ul className="workspace-results">
      {rows.map((row) => (
        <li key={row.id}>
          {row.canOpen ? <Link to={`/espace/rendez-vous/${row.id}`}>{row.when}</Link> : row.when} ·{' '}
          {row.topic} · {row.place ?? t('workspace.calendar.phone')} · {row.advisor} ·{' '}
          <strong>{t(`workspace.calendar.status.${row.status}`)}</strong>
        </li>
      ))}
    </ul>
  )
}

export default function ResidentPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const { t } = useTranslation()
  const r = data.resident
  // After a refused edit, what was typed stays; after a stale one, the current values show.
  const form = useForm({
    reply: actionData?.problem ? null : actionData,
    defaults: {
      firstName: r.firstName,
      lastName: r.lastName,
      phone: r.phone,
      email: r.email,
      language: r.language,
      consent: r.consent ? 'on' : '',
    },
    maxLengths: data.maxLengths,
    labels: {
      firstName: t('workspace.booking.firstName'),
      lastName: t('workspace.booking.lastName'),
      phone: t('workspace.booking.phone'),
      email: t('workspace.booking.email'),
      language: t('workspace.residents.language'),
    },
    messages: {
      firstName: { REQUIRED: 'journey.contact.firstNameRequired' },
      lastName: { REQUIRED: 'journey.contact.lastNameRequired' },
    },
  })
  return (
    <div className="page workspace">
      <p>
        <Link to="/espace/usagers">{t('workspace.residents.back')}</Link>
      </p>
      <h1>{data.title}</h1>
      {data.notice && !actionData ? (
        <p className="notice notice-success" role="status">
          {t(`workspace.residents.${data.notice}`)}
        </p>
      ) : null}
      {actionData?.problem ? (
        <p className="notice error" role="alert">
          {t('workspace.residents.stale')}
        </p>
      ) : null}
      <p>
        <Link to={`/espace/reserver?usager=${r.id}`}>{t('workspace.residents.book')}</Link>
      </p>

      <section aria-labelledby="contact-title">
        <h2 id="contact-title">{t('workspace.residents.contactTitle')}</h2>
        <ErrorSummary form={form} />
        <Form method="post" noValidate key={r.updatedAt}>
          <input type="hidden" name="updatedAt" value={r.updatedAt} />
          <TextField form={form} name="firstName" />
          <TextField form={form} name="lastName" />
          <TextField form={form} name="phone" type="tel" />
          <TextField form={form} name="email" type="email" />
          <SelectField
            form={form}
            name="language"
            options={[
              { value: 'fr', label: 'Français' },
              { value: 'en', label: 'English' },
            ]}
          />
          <Choice form={form} name="consent" label={t('workspace.booking.consent')} />
          <p>
            {r.smsOptedOut
              ? t('workspace.residents.smsOptedOut')
              : t('workspace.residents.smsAllowed')}
          </p>
          <button type="submit">{t('workspace.residents.save')}</button>
        </Form>
      </section>

      <section aria-labelledby="upcoming-title">
        <h2 id="upcoming-title">{t('workspace.residents.upcoming')}</h2>
        {data.upcoming.length === 0 ? (
          <p>{t('workspace.residents.noNext')}</p>
        ) : (
          <AppointmentList rows={data.upcoming} />
        )}
      </section>
      <section aria-labelledby="past-title">
        <h2 id="past-title">{t('workspace.residents.past')}</h2>
        {data.past.length === 0 ? (
          <p>{t('workspace.residents.noPast')}</p>
        ) : (
          <AppointmentList rows={data.past} />
        )}
      </section>

      <section aria-labelledby="workshops-title">
        <h2 id="workshops-title">{t('workspace.residents.workshops')}</h2>
        {data.workshops.length === 0 ? (
          <p>{t('workspace.residents.noWorkshops')}</p>
        ) : (
          <ul className="workspace-results">
            {data.workshops.map((row) => (
              <li key={row.id}>
                <Link to={row.path}>{row.when}</Link> · {row.topic} · {row.place} ·{' '}
                <strong>{t(`workspace.residents.workshopStatus.${row.status}`)}</strong>
                {row.companion
                  ? ` · ${t('workspace.residents.workshopCompanion', { name: row.companion })}`
                  : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="duplicates-title">
        <h2 id="duplicates-title">{t('workspace.residents.duplicates')}</h2>
        {data.duplicates.length === 0 ? (
          <p>{t('workspace.residents.noDuplicates')}</p>
        ) : (
          <ul className="workspace-results">
            {data.duplicates.map((duplicate) => (
              <li key={duplicate.id}>
                <Link to={`/espace/usagers/${duplicate.id}`}>{duplicate.name}</Link>
                {duplicate.phone ? ` · ${duplicate.phone}` : ''}
                {duplicate.email ? ` · ${duplicate.email}` : ''} ·{' '}
                {duplicate.reasons
                  .map((reason) => t(`workspace.residents.reasons.${reason}`))
                  .join(', ')}
                {data.canMerge ? (
                  <>
                    {' '}
                    ·{' '}
                    <Link to={`/espace/usagers/${r.id}/fusionner?avec=${duplicate.id}`}>
                      {t('workspace.residents.mergeWith', { name: duplicate.name })}
                    </Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {data.canExport ? (
        <section aria-labelledby="rights-title">
          <h2 id="rights-title">{t('rights.sectionTitle')}</h2>
          <p>{t('rights.sectionIntro')}</p>
          <ul>
            <li>
              <Link to={`/espace/usagers/${r.id}/donnees`}>{t('rights.printable')}</Link>
            </li>
            <li>
              <a href={`/espace/usagers/${r.id}/donnees.json`} download>
                {t('rights.json')}
              </a>
            </li>
            <li>
              <Link to={`/espace/admin/journal?usager=${r.id}`}>{t('rights.auditLog')}</Link>
            </li>
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('workspace.appointment.history')}</h2>
        <p>{t('workspace.residents.created', { when: r.createdAt })}</p>
        {data.history.length > 0 ? (
          <ol className="workspace-history">
            {data.history.map((event) => (
              <li key={event.id}>
                <strong>{event.when}</strong> · {event.who} · {event.what}
              </li>
            ))}
          </ol>
        ) : null}
      </section>
      {data.canErase ? (
        <p>
          <Link to={`/espace/usagers/${r.id}/effacer`}>{t('retention.erase.link')}</Link>
        </p>
      ) : null}
    </div>
  )
}
