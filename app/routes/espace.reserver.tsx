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
import {
  Choice,
  ErrorSummary,
  FieldGroup,
  SelectField,
  TextField,
  useForm,
} from '~/components/form'
import { ResidentSearchForm } from '~/components/workspace/resident-search'
import type { ResidentContact } from '~/domain/booking/book'
import type { FormReply } from '~/domain/input/problems'
import { formatPhoneForDisplay } from '~/domain/residents/phone'
import { formatAppointmentDate, formatDay, formatTime, localDateOf } from '~/domain/time/format'
import { contactFields, contactStepSchema } from '~/features/journey/index.server'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { requireAdvisor, requirePermission, type SignedIn } from '~/features/access/index.server'
import {
  BOOKING_KEY,
  bookOnBehalf,
  bookWalkIn,
  newBookingKey,
} from '~/features/desk/booking.server'
import { bookingFields, bookingSchema } from '~/features/desk/booking-form.server'
import { WALK_IN } from '~/features/desk/walk-in'
import { formReply, maxLengthsOf, parseForm, refusalOf } from '~/platform/forms.server'
import { dayRange, requestedDate } from '~/domain/time/days'

// /espace/reserver: book for a resident on the phone or at the desk, in three blocks on
// one page driven by the query string (works without JavaScript):
// ?q= search · ?usager=<id>|nouveau · ?motif=<topic>&lieu=<site>|telephone · ?jour=YYYY-MM-DD

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
    maxLengths: maxLengthsOf(bookingFields, contactFields),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

type ActionData = FormReply & { problem?: 'taken' | 'tooMany' | 'overlap' }

const refuse = (data: ActionData, status: number) => Response.json(data, { status })

export async function action({ request }: ActionFunctionArgs) {
  const signedIn = await requireAdvisor(request)
  requirePermission(signedIn.actor, 'booking.create', { organisationId: signedIn.organisation.id })
  const form = await request.formData()
  const texts = [...form].filter((entry): entry is [string, string] => typeof entry[1] === 'string')
  const choice = await readChoice(signedIn, new URLSearchParams(texts))
  if (!choice.resident || !choice.topic || !choice.mode) {
    throw new Response('Bad request', { status: 400 })
  }
  const idempotencyKey = String(form.get('idempotencyKey') ?? '')
  if (!BOOKING_KEY.test(idempotencyKey)) throw new Response('Bad request', { status: 400 })
  const organisation = await db().organisation.findUniqueOrThrow({
    where: { id: signedIn.organisation.id },
    select: { allowedPhoneRegions: true, maxUpcomingPerContact: true },
  })
  // The walk-in time is the one on the clock of the place.
  const site = choice.siteId ? await siteById(db(), choice.siteId) : null
  const known = choice.resident === 'new' ? null : choice.resident
  const booking = parseForm(
    form,
    bookingSchema({
      zone: site?.timeZone ?? signedIn.organisation.timeZone,
      advisorIds: (await activeAdvisors(signedIn.organisation.id)).map((advisor) => advisor.id),
      phoneMissingForCall: choice.mode === 'PHONE' && known !== null && !known.phoneE164,
    }),
  )
  const contact = known
    ? null
    : parseForm(form, contactStepSchema({ mode: choice.mode, organisation }))
  const refused = refusalOf(booking, ...(contact ? [contact] : []))
  if (refused || !booking.ok || (contact && !contact.ok)) return refuse(refused!, 400)
  const values = booking.values
  const resident = known
    ? knownContact(known)
    : { ...contact!.value.resident, language: 'fr' as const }
  const common = {
    signedIn,
    topicId: choice.topic.id,
    mode: choice.mode,
    siteId: choice.siteId,
    start: booking.value.start,
    resident,
    note: booking.value.note,
    idempotencyKey,
    maxUpcomingPerContact: organisation.maxUpcomingPerContact,
    now: new Date(),
  }
  if (booking.value.kind === 'walkIn') {
    const outcome = await bookWalkIn({
      ...common,
      durationMinutes: choice.topic.durationMinutes,
      advisorId: booking.value.advisorId,
      confirmedOutsideHours: booking.value.confirmedOutsideHours,
    })
    if (outcome.ok) return redirect(`/espace/rendez-vous/${outcome.appointmentId}/fiche`)
    if (outcome.reason === 'past') {
      return refuse(formReply(values, { walkInTime: { code: 'WALK_IN_PAST' } }), 400)
    }
    if (outcome.reason === 'needsConfirmation') {
      const errors = { walkInConfirm: { code: 'OUTSIDE_HOURS_NOT_CONFIRMED' as const } }
      return refuse(formReply(values, errors), 400)
    }
    return refuse({ ...formReply(values), problem: outcome.reason }, 409)
  }
  const outcome = await bookOnBehalf(common)
  if (!outcome.ok) return refuse({ ...formReply(values), problem: outcome.reason }, 409)
  return redirect(`/espace/rendez-vous/${outcome.appointmentId}/fiche`)
}

/** A known resident's details, as a booking records them. */
function knownContact(
  known: NonNullable<Awaited<ReturnType<typeof residentById>>>,
): ResidentContact {
  return {
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

export default function BookOnBehalf() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const { t } = useTranslation()
  const form = useForm({
    reply: actionData,
    defaults: {
      start: data.first?.value ?? '',
      walkInDate: data.today,
      walkInAdvisor: data.advisorId,
    },
    maxLengths: data.maxLengths,
    labels: {
      start: t('workspace.booking.slotTitle'),
      walkInDate: t('workspace.booking.walkInDate'),
      walkInTime: t('workspace.booking.walkInTime'),
      walkInAdvisor: t('workspace.booking.walkInAdvisor'),
      walkInConfirm: t('workspace.booking.walkInConfirm'),
      firstName: t('workspace.booking.firstName'),
      lastName: t('workspace.booking.lastName'),
      phone: t('workspace.booking.phone'),
      email: t('workspace.booking.email'),
      note: t('workspace.booking.note'),
    },
    messages: {
      start: { REQUIRED: 'workspace.booking.slotRequired' },
      walkInAdvisor: { REQUIRED: 'workspace.booking.walkInAdvisorRequired' },
      firstName: { REQUIRED: 'journey.contact.firstNameRequired' },
      lastName: { REQUIRED: 'journey.contact.lastNameRequired' },
    },
  })
  const withResident = (extra: Record<string, string>) =>
    `/espace/reserver?${new URLSearchParams({ usager: data.usager, ...extra }).toString()}`
  return (
    <div className="page workspace">
      <h1>{data.title}</h1>
      {actionData?.problem ? (
        <p className="notice error" role="alert">
          {t(`workspace.booking.${actionData.problem}`)}
        </p>
      ) : null}
      <ErrorSummary form={form} />

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
            <FieldGroup form={form} name="start">
              {data.first && data.day ? (
                <>
                  <Choice
                    form={form}
                    name="start"
                    type="radio"
                    value={data.first.value}
                    id="slot-first"
                    label={t('workspace.booking.firstFree', { when: data.first.when })}
                  />
                  <p>{t('workspace.booking.slotsOf', { day: data.day.label })}</p>
                  {data.slots
                    .filter((slot) => slot.value !== data.first!.value)
                    .map((slot) => (
                      <Choice
                        key={slot.value}
                        form={form}
                        name="start"
                        type="radio"
                        value={slot.value}
                        label={slot.label}
                      />
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
              <Choice
                form={form}
                name="start"
                type="radio"
                value={WALK_IN}
                label={t('workspace.booking.walkIn')}
                hint={t('workspace.booking.walkInHint')}
              />
              <div className="workspace-walk-in">
                <TextField form={form} name="walkInDate" type="date" />
                <TextField form={form} name="walkInTime" />
                <SelectField
                  form={form}
                  name="walkInAdvisor"
                  options={data.advisors.map((advisor) => ({
                    value: advisor.id,
                    label: advisor.name,
                  }))}
                />
                <Choice
                  form={form}
                  name="walkInConfirm"
                  label={form.field('walkInConfirm').label}
                />
              </div>
            </FieldGroup>
            {data.isNew ? (
              <fieldset>
                <legend>{t('workspace.booking.contactTitle')}</legend>
                <TextField form={form} name="firstName" />
                <TextField form={form} name="lastName" />
                <TextField form={form} name="phone" type="tel" />
                <TextField form={form} name="email" type="email" />
                <Choice form={form} name="consent" label={t('workspace.booking.consent')} />
              </fieldset>
            ) : null}
            <TextField form={form} name="note" multiline rows={2} />
            <button type="submit">{t('workspace.booking.submit')}</button>
          </Form>
        </section>
      ) : null}
    </div>
  )
}
