import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { PHONE_PLACE } from '~/domain/scheduling/place'
import { useTranslation } from '~/i18n/use-translation'
import { availability } from '~/features/schedule/index.server'
import { db } from '~/platform/database/client.server'
import { siteById } from '~/features/admin/index.server'
import { bookableTopics } from '~/features/desk/queries.server'
import { residentById, searchResidents } from '~/features/residents/index.server'
import { WorkspaceField } from '~/components/workspace/field'
import { ResidentSearchForm } from '~/components/workspace/resident-search'
import type { ResidentContact } from '~/domain/booking/book'
import { formatPhoneForDisplay } from '~/domain/residents/phone'
import { formatAppointmentDate, formatDay, formatTime, localDateOf } from '~/domain/time/format'
import { contactSchema } from '~/features/journey/index.server'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { requireAdvisor, requirePermission, type SignedIn } from '~/features/access/index.server'
import {
  BOOKING_KEY,
  bookOnBehalf,
  bookWalkIn,
  localInstant,
  newBookingKey,
} from '~/features/desk/booking.server'
import { dayRange, requestedDate } from '~/domain/time/days'

// /espace/reserver: book for a resident on the phone or at the desk, in three blocks on
// one page driven by the query string (works without JavaScript):
// ?q= search · ?usager=<id>|nouveau · ?motif=<topic>&lieu=<site>|telephone · ?jour=YYYY-MM-DD

/** The `start` value of the walk-in choice: a time the agent types (decision 063). */
const WALK_IN = 'autre'

const activeAdvisors = (organisationId: string) =>
  db().advisor.findMany({
    where: { organisationId, active: true },
    orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }],
    select: { id: true, firstName: true, lastName: true },
  })

type Choice = {
  resident: Awaited<ReturnType<typeof residentById>> | 'new' | null
  topic: Awaited<ReturnType<typeof bookableTopics>>[number] | null
  mode: 'IN_PERSON' | 'PHONE' | null
  siteId: string | null
}

/** Reads and checks the choices of the query string (or form); another organisation's ids are 404. */
async function readChoice(signedIn: SignedIn, values: URLSearchParams): Promise<Choice> {
  const organisationId = signedIn.organisation.id
  const residentParam = values.get('usager')
  let resident: Choice['resident'] = null
  if (residentParam === 'nouveau') resident = 'new'
  else if (residentParam) {
    const found = await residentById(db(), residentParam)
    requirePermission(
      signedIn.actor,
      'booking.create',
      found ? { organisationId: found.organisationId } : null,
    )
    resident = found
  }
  const topicParam = values.get('motif')
  const placeParam = values.get('lieu')
  if (!topicParam || !placeParam) return { resident, topic: null, mode: null, siteId: null }
  const topics = await bookableTopics(db(), organisationId)
  const topic = topics.find((candidate) => candidate.id === topicParam) ?? null
  if (!topic) throw new Response('Not found', { status: 404 })
  if (placeParam === PHONE_PLACE) {
    if (!topic.allowsPhone) throw new Response('Bad request', { status: 400 })
    return { resident, topic, mode: 'PHONE', siteId: null }
  }
  const site = await siteById(db(), placeParam)
  requirePermission(
    signedIn.actor,
    'booking.create',
    site ? { organisationId: site.organisationId } : null,
  )
  if (!topic.allowsInPerson) throw new Response('Bad request', { status: 400 })
  return { resident, topic, mode: 'IN_PERSON', siteId: site!.id }
}

export async function loader({ request }: LoaderFunctionArgs) {
  const signedIn = await requireAdvisor(request)
  requirePermission(signedIn.actor, 'booking.create', { organisationId: signedIn.organisation.id })
  const url = new URL(request.url)
  const organisationId = signedIn.organisation.id
  const zone = signedIn.organisation.timeZone
  const [t, language, choice, topics, sites, advisors] = await Promise.all([
    fixedT(request),
    languageOf(request),
    readChoice(signedIn, url.searchParams),
    bookableTopics(db(), organisationId),
    db().site.findMany({
      where: { organisationId, active: true },
      orderBy: { name: 'asc' },
      select: { id: true, name: true },
    }),
    activeAdvisors(organisationId),
  ])
  const query = url.searchParams.get('q') ?? ''
  const results = query ? await searchResidents(db(), organisationId, query) : []
  let slots: { value: string; label: string }[] = []
  let first: { value: string; when: string } | null = null
  let day: { date: string; label: string; next: string | null } | null = null
  if (choice.topic && choice.mode) {
    const now = new Date()
    const finder = await availability(db(), {
      organisationId,
      topicId: choice.topic.id,
      mode: choice.mode,
      siteId: choice.siteId,
      now,
    })
    const found = await finder.first()
    if (found) {
      first = {
        value: found.start.toISOString(),
        when: formatAppointmentDate(found.start, zone, language),
      }
      const date = requestedDate(
        url.searchParams.get('jour') ?? localDateOf(found.start, zone),
        zone,
      )
      const bounds = dayRange(date, zone)
      const ofDay = await finder.slots(bounds)
      slots = ofDay.map((slot) => ({
        value: slot.start.toISOString(),
        label: formatTime(slot.start, zone, language),
      }))
      const nextDay = await finder.nextDay(bounds.to)
      day = {
        date,
        label: formatDay(bounds.from, zone, language),
        next: nextDay,
      }
    }
  }
  const resident =
    choice.resident && choice.resident !== 'new'
      ? {
          id: choice.resident.id,
          name: `${choice.resident.firstName} ${choice.resident.lastName}`,
          phone: choice.resident.phoneE164
            ? formatPhoneForDisplay(choice.resident.phoneE164)
            : null,
        }
      : null
  return {
    title: t('workspace.booking.title'),
    query,
    searched: query.length > 0,
    results: results.map((found) => ({
      id: found.id,
      name: `${found.firstName} ${found.lastName}`,
      phone: found.phoneE164 ? formatPhoneForDisplay(found.phoneE164) : null,
    })),
    usager: url.searchParams.get('usager') ?? '',
    isNew: choice.resident === 'new',
    resident,
    topics: topics.map((topic) => ({
      id: topic.id,
      name: topic.name,
      inPerson: topic.allowsInPerson,
      phone: topic.allowsPhone,
    })),
    sites,
    motif: choice.topic?.id ?? '',
    lieu: url.searchParams.get('lieu') ?? '',
    first,
    day,
    slots,
    advisors: advisors.map((advisor) => ({
      id: advisor.id,
      name: `${advisor.firstName} ${advisor.lastName}`,
    })),
    advisorId: signedIn.advisor.id,
    today: localDateOf(new Date(), zone),
    idempotencyKey: newBookingKey(),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

type ActionData = {
  values: Record<string, string>
  errors: Record<string, string>
  problem?: 'taken' | 'tooMany' | 'overlap'
}

export async function action({ request }: ActionFunctionArgs) {
  const signedIn = await requireAdvisor(request)
  requirePermission(signedIn.actor, 'booking.create', { organisationId: signedIn.organisation.id })
  const form = Object.fromEntries(
    [...(await request.formData()).entries()].filter(([, value]) => typeof value === 'string'),
  ) as Record<string, string>
  const choice = await readChoice(signedIn, new URLSearchParams(form))
  if (!choice.resident || !choice.topic || !choice.mode) {
    throw new Response('Bad request', { status: 400 })
  }
  const errors: Record<string, string> = {}
  const walkIn = form.start === WALK_IN
  // The walk-in time is the one on the clock of the place.
  const site = walkIn && choice.siteId ? await siteById(db(), choice.siteId) : null
  const zone = site?.timeZone ?? signedIn.organisation.timeZone
  const start = walkIn
    ? localInstant(form.walkInDate ?? '', (form.walkInTime ?? '').trim(), zone)
    : new Date(form.start ?? '')
  if (walkIn && !start) errors.walkInTime = 'WALK_IN_TIME_INVALID'
  else if (!form.start || !start || Number.isNaN(start.getTime())) errors.start = 'SLOT_REQUIRED'
  const advisors = walkIn ? await activeAdvisors(signedIn.organisation.id) : []
  if (walkIn && !advisors.some((advisor) => advisor.id === form.walkInAdvisor)) {
    errors.walkInAdvisor = 'WALK_IN_ADVISOR_REQUIRED'
  }
  if (!BOOKING_KEY.test(form.idempotencyKey ?? ''))
    throw new Response('Bad request', { status: 400 })
  const organisation = await db().organisation.findUniqueOrThrow({
    where: { id: signedIn.organisation.id },
    select: { allowedPhoneRegions: true, maxUpcomingPerContact: true },
  })
  let resident: ResidentContact | null = null
  if (choice.resident === 'new') {
    const parsed = contactSchema({
      mode: choice.mode,
      allowedRegions: organisation.allowedPhoneRegions.split(','),
    }).safeParse(form)
    if (parsed.success) resident = { ...parsed.data.resident, language: 'fr' }
    else for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message
  } else {
    const known = choice.resident
    if (choice.mode === 'PHONE' && !known.phoneE164) errors.start = 'PHONE_REQUIRED_FOR_CALL'
    resident = {
      firstName: known.firstName,
      lastName: known.lastName,
      searchKey: known.searchKey,
      phoneE164: known.phoneE164,
      phoneType: known.phoneType,
      email: known.email,
      language: known.preferredLanguage === 'en' ? 'en' : 'fr',
      consent: known.notificationConsent,
    }
  }
  const note = (form.note ?? '').trim()
  if (note.length > 500) errors.note = 'tooLong'
  if (Object.keys(errors).length > 0 || !resident || !start) {
    return Response.json({ values: form, errors } satisfies ActionData, { status: 400 })
  }
  if (walkIn) {
    const outcome = await bookWalkIn({
      signedIn,
      topicId: choice.topic.id,
      durationMinutes: choice.topic.durationMinutes,
      mode: choice.mode,
      siteId: choice.siteId,
      advisorId: form.walkInAdvisor!,
      start,
      confirmedOutsideHours: form.walkInConfirm === 'on',
      resident,
      note: note || null,
      idempotencyKey: form.idempotencyKey!,
      maxUpcomingPerContact: organisation.maxUpcomingPerContact,
      now: new Date(),
    })
    if (outcome.ok) return redirect(`/espace/rendez-vous/${outcome.appointmentId}/fiche`)
    if (outcome.reason === 'past' || outcome.reason === 'needsConfirmation') {
      const field = outcome.reason === 'past' ? 'walkInTime' : 'walkInConfirm'
      const code = outcome.reason === 'past' ? 'WALK_IN_PAST' : 'WALK_IN_CONFIRM'
      return Response.json({ values: form, errors: { [field]: code } } satisfies ActionData, {
        status: 400,
      })
    }
    return Response.json(
      { values: form, errors: {}, problem: outcome.reason } satisfies ActionData,
      { status: 409 },
    )
  }
  const outcome = await bookOnBehalf({
    signedIn,
    topicId: choice.topic.id,
    mode: choice.mode,
    siteId: choice.siteId,
    start,
    resident,
    note: note || null,
    idempotencyKey: form.idempotencyKey!,
    maxUpcomingPerContact: organisation.maxUpcomingPerContact,
    now: new Date(),
  })
  if (!outcome.ok) {
    return Response.json(
      { values: form, errors: {}, problem: outcome.reason } satisfies ActionData,
      {
        status: 409,
      },
    )
  }
  return redirect(`/espace/rendez-vous/${outcome.appointmentId}/fiche`)
}

export default function BookOnBehalf() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const { t } = useTranslation()
  const errors = actionData?.errors ?? {}
  const typed = actionData?.values ?? {}
  const labels: Record<string, string> = {
    start: t('workspace.booking.slotTitle'),
    firstName: t('workspace.booking.firstName'),
    lastName: t('workspace.booking.lastName'),
    phone: t('workspace.booking.phone'),
    email: t('workspace.booking.email'),
    note: t('workspace.booking.note'),
    walkInDate: t('workspace.booking.walkInDate'),
    walkInTime: t('workspace.booking.walkInTime'),
    walkInAdvisor: t('workspace.booking.walkInAdvisor'),
    walkInConfirm: t('workspace.booking.walkInConfirm'),
  }
  const summary = Object.entries(errors).map(([name, code]) => ({
    name,
    label: labels[name] ?? name,
    code,
  }))
  const withResident = (extra: Record<string, string>) =>
    `/espace/reserver?${new URLSearchParams({ usager: data.usager, ...extra }).toString()}`
  const chosenSlot = typed.start ?? data.first?.value
  const message = (code: string) =>
    code === 'SLOT_REQUIRED'
      ? t('workspace.errors.SLOT_REQUIRED')
      : code.startsWith('WALK_IN_')
        ? t(`workspace.booking.walkInErrors.${code}`)
        : t(`form.errors.${code}`)
  return (
    <div className="page workspace">
      <h1>{data.title}</h1>
      {actionData?.problem ? (
        <p className="notice error" role="alert">
          {t(`workspace.booking.${actionData.problem}`)}
        </p>
      ) : null}
      {summary.length > 0 ? (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <h2>{t('form.errorSummary', { count: summary.length })}</h2>
          <ul>
            {summary.map((error) => (
              <li key={error.name}>
                <a href={`#field-${error.name}`}>
                  {error.label} : {message(error.code)}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <section aria-labelledby="who-title">
        <h2 id="who-title">{t('workspace.booking.searchTitle')}</h2>
        {data.resident || data.isNew ? (
          <p>
            <strong>
              {data.resident
                ? t('workspace.booking.chosen', { name: data.resident.name })
                : t('workspace.booking.newResident')}
            </strong>
            {data.resident?.phone ? ` · ${data.resident.phone}` : ''} ·{' '}
            <Link to="/espace/reserver">{t('workspace.booking.changeResident')}</Link>
          </p>
        ) : (
          <>
            <ResidentSearchForm query={data.query} />
            {data.searched && data.results.length === 0 ? (
              <p>{t('workspace.booking.noResult')}</p>
            ) : null}
            <ul className="workspace-results">
              {data.results.map((found) => (
                <li key={found.id}>
                  <Link to={`/espace/reserver?usager=${found.id}`}>
                    {t('workspace.booking.choose', { name: found.name })}
                  </Link>
                  {found.phone ? ` · ${found.phone}` : ''}
                </li>
              ))}
              <li>
                <Link to="/espace/reserver?usager=nouveau">
                  {t('workspace.booking.newResident')}
                </Link>
              </li>
            </ul>
          </>
        )}
      </section>

      {data.resident || data.isNew ? (
        <section aria-labelledby="what-title">
          <h2 id="what-title">{t('workspace.booking.whatTitle')}</h2>
          <Form method="get" className="workspace-filter">
            <input type="hidden" name="usager" value={data.usager} />
            <div className="field">
              <label htmlFor="field-motif">{t('workspace.booking.topic')}</label>
              <select id="field-motif" name="motif" defaultValue={data.motif}>
                {data.topics.map((topic) => (
                  <option key={topic.id} value={topic.id}>
                    {topic.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="field-lieu">{t('workspace.booking.place')}</label>
              <select id="field-lieu" name="lieu" defaultValue={data.lieu}>
                {data.sites.map((site) => (
                  <option key={site.id} value={site.id}>
                    {site.name}
                  </option>
                ))}
                <option value={PHONE_PLACE}>{t('workspace.booking.byPhone')}</option>
              </select>
            </div>
            <button type="submit">{t('workspace.booking.showSlots')}</button>
          </Form>
        </section>
      ) : null}

      {data.motif && data.lieu ? (
        <section aria-labelledby="slot-title">
          <h2 id="slot-title">{t('workspace.booking.slotTitle')}</h2>
          {!data.first || !data.day ? <p>{t('workspace.booking.noSlot')}</p> : null}
          <Form method="post" noValidate>
            <input type="hidden" name="usager" value={data.usager} />
            <input type="hidden" name="motif" value={data.motif} />
            <input type="hidden" name="lieu" value={data.lieu} />
            <input type="hidden" name="idempotencyKey" value={data.idempotencyKey} />
            <fieldset className={`field${errors.start ? ' field-error' : ''}`}>
              <legend id="field-start">{labels.start}</legend>
              {errors.start ? <p className="error">{message(errors.start)}</p> : null}
              {data.first && data.day ? (
                <>
                  <div className="field-radio">
                    <input
                      type="radio"
                      id="slot-first"
                      name="start"
                      value={data.first.value}
                      defaultChecked={chosenSlot === data.first.value}
                    />
                    <label htmlFor="slot-first">
                      {t('workspace.booking.firstFree', { when: data.first.when })}
                    </label>
                  </div>
                  <p>{t('workspace.booking.slotsOf', { day: data.day.label })}</p>
                  {data.slots
                    .filter((slot) => slot.value !== data.first!.value)
                    .map((slot) => (
                      <div key={slot.value} className="field-radio">
                        <input
                          type="radio"
                          id={`slot-${slot.value}`}
                          name="start"
                          value={slot.value}
                          defaultChecked={chosenSlot === slot.value}
                        />
                        <label htmlFor={`slot-${slot.value}`}>{slot.label}</label>
                      </div>
                    ))}
                  {data.day.next ? (
                    <p>
                      <Link
                        to={withResident({
                          motif: data.motif,
                          lieu: data.lieu,
                          jour: data.day.next,
                        })}
                      >
                        {t('workspace.booking.nextDay')}
                      </Link>
                    </p>
                  ) : null}
                </>
              ) : null}
              <div className="field-radio">
                <input
                  type="radio"
                  id="slot-walk-in"
                  name="start"
                  value={WALK_IN}
                  defaultChecked={chosenSlot === WALK_IN}
                  aria-describedby="walk-in-hint"
                />
                <label htmlFor="slot-walk-in">{t('workspace.booking.walkIn')}</label>
              </div>
              <div className="workspace-walk-in">
                <p id="walk-in-hint" className="hint">
                  {t('workspace.booking.walkInHint')}
                </p>
                <WorkspaceField
                  name="walkInDate"
                  label={labels.walkInDate!}
                  type="date"
                  defaultValue={typed.walkInDate ?? data.today}
                  error={errors.walkInDate}
                  errorPrefix="workspace.booking.walkInErrors"
                />
                <WorkspaceField
                  name="walkInTime"
                  label={labels.walkInTime!}
                  defaultValue={typed.walkInTime}
                  error={errors.walkInTime}
                  errorPrefix="workspace.booking.walkInErrors"
                />
                <div className={`field${errors.walkInAdvisor ? ' field-error' : ''}`}>
                  <label htmlFor="field-walkInAdvisor">{labels.walkInAdvisor}</label>
                  {errors.walkInAdvisor ? (
                    <p id="field-walkInAdvisor-error" className="error">
                      {message(errors.walkInAdvisor)}
                    </p>
                  ) : null}
                  <select
                    id="field-walkInAdvisor"
                    name="walkInAdvisor"
                    defaultValue={typed.walkInAdvisor ?? data.advisorId}
                    aria-invalid={errors.walkInAdvisor ? true : undefined}
                    aria-describedby={
                      errors.walkInAdvisor ? 'field-walkInAdvisor-error' : undefined
                    }
                  >
                    {data.advisors.map((advisor) => (
                      <option key={advisor.id} value={advisor.id}>
                        {advisor.name}
                      </option>
                    ))}
                  </select>
                </div>
                <div
                  className={`field field-checkbox${errors.walkInConfirm ? ' field-error' : ''}`}
                >
                  {errors.walkInConfirm ? (
                    <p id="field-walkInConfirm-error" className="error">
                      {message(errors.walkInConfirm)}
                    </p>
                  ) : null}
                  <input
                    type="checkbox"
                    id="field-walkInConfirm"
                    name="walkInConfirm"
                    defaultChecked={typed.walkInConfirm === 'on'}
                    aria-invalid={errors.walkInConfirm ? true : undefined}
                    aria-describedby={
                      errors.walkInConfirm ? 'field-walkInConfirm-error' : undefined
                    }
                  />
                  <label htmlFor="field-walkInConfirm">{labels.walkInConfirm}</label>
                </div>
              </div>
            </fieldset>
            {data.isNew ? (
              <fieldset>
                <legend>{t('workspace.booking.contactTitle')}</legend>
                {(['firstName', 'lastName', 'phone', 'email'] as const).map((name) => (
                  <WorkspaceField
                    key={name}
                    name={name}
                    label={labels[name]!}
                    type={name === 'phone' ? 'tel' : name === 'email' ? 'email' : 'text'}
                    defaultValue={typed[name]}
                    error={errors[name]}
                    errorPrefix="form.errors"
                  />
                ))}
                <div className="field field-checkbox">
                  <input
                    type="checkbox"
                    id="field-consent"
                    name="consent"
                    defaultChecked={typed.consent === 'on'}
                  />
                  <label htmlFor="field-consent">{t('workspace.booking.consent')}</label>
                </div>
              </fieldset>
            ) : null}
            <div className={`field${errors.note ? ' field-error' : ''}`}>
              <label htmlFor="field-note">{labels.note}</label>
              <textarea
                id="field-note"
                name="note"
                rows={2}
                maxLength={500}
                defaultValue={typed.note}
              />
            </div>
            <button type="submit">{t('workspace.booking.submit')}</button>
          </Form>
        </section>
      ) : null}
    </div>
  )
}
