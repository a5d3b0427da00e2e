import { redirect } from '@remix-run/node'
import { isBookingNonce, newBookingNonce } from '~/domain/booking/manage-token.server'
import type { FormReply } from '~/domain/input/problems'
import { formatPhoneForDisplay } from '~/domain/residents/phone'
import { PHONE_PLACE } from '~/domain/scheduling/place'
import { dayRange, requestedDate } from '~/domain/time/days'
import { formatAppointmentDate, formatDay, formatTime, localDateOf } from '~/domain/time/format'
import { requireAdvisor, requirePermission, type SignedIn } from '~/features/access/index.server'
import { receivingAdvisors, organisationSites, siteById } from '~/features/admin/index.server'
import { contactFields, contactStepSchema } from '~/features/journey/index.server'
import { residentById, residentContactOf, searchResidents } from '~/features/residents/index.server'
import { availability } from '~/features/schedule/index.server'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { db } from '~/platform/database/client.server'
import { formReply, maxLengthsOf, parseForm, refusalOf } from '~/platform/forms.server'
import { bookingFields, bookingSchema } from './booking-form.server'
import { bookOnBehalf, bookWalkIn } from './booking.server'
import { bookableTopics } from './queries.server'

// The page that books for a resident on the phone or at the desk (/espace/reserver): three
// blocks on one page driven by the query string, so it works without JavaScript:
// ?q= search · ?usager=<id>|nouveau · ?motif=<topic>&lieu=<site>|telephone · ?jour=YYYY-MM-DD.
// Reception's day grid and the phone search come in with ?conseiller=<advisor>, ?jour,
// ?creneau=<ISO start> (and the search with ?motif and ?lieu): those are carried through
// the resident step and preselect the slot, the nearest one at or after ?creneau.

/** The choices made on another page, kept through the resident and topic steps. */
const CARRIED = ['conseiller', 'jour', 'creneau', 'motif', 'lieu'] as const

type Choice = {
  resident: Awaited<ReturnType<typeof residentById>> | 'new' | null
  topic: Awaited<ReturnType<typeof bookableTopics>>[number] | null
  mode: 'IN_PERSON' | 'PHONE' | null
  siteId: string | null
  /** The chosen site, with its clock (the walk-in time is read on it). */
  site: Awaited<ReturnType<typeof siteById>>
  advisor: { id: string; firstName: string; lastName: string } | null
}

/** What the choices are checked against, read once per request. */
type Offer = {
  topics: Awaited<ReturnType<typeof bookableTopics>>
  advisors: Awaited<ReturnType<typeof receivingAdvisors>>
}

const offerOf = async (organisationId: string): Promise<Offer> => {
  const [topics, advisors] = await Promise.all([
    bookableTopics(db(), organisationId),
    receivingAdvisors(db(), organisationId),
  ])
  return { topics, advisors }
}

/** Reads and checks the choices of the query string (or form); another organisation's ids are 404. */
async function readChoice(
  signedIn: SignedIn,
  values: URLSearchParams,
  offer: Offer,
): Promise<Choice> {
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
  const advisorParam = values.get('conseiller')
  let advisor: Choice['advisor'] = null
  if (advisorParam) {
    advisor = offer.advisors.find((candidate) => candidate.id === advisorParam) ?? null
    if (!advisor) throw new Response('Not found', { status: 404 })
  }
  const topicParam = values.get('motif')
  const placeParam = values.get('lieu')
  if (!topicParam || !placeParam) {
    return { resident, topic: null, mode: null, siteId: null, site: null, advisor }
  }
  const topic = offer.topics.find((candidate) => candidate.id === topicParam) ?? null
  if (!topic) throw new Response('Not found', { status: 404 })
  if (placeParam === PHONE_PLACE) {
    if (!topic.allowsPhone) throw new Response('Bad request', { status: 400 })
    return { resident, topic, mode: 'PHONE', siteId: null, site: null, advisor }
  }
  const site = await siteById(db(), placeParam)
  requirePermission(
    signedIn.actor,
    'booking.create',
    site ? { organisationId: site.organisationId } : null,
  )
  if (!topic.allowsInPerson) throw new Response('Bad request', { status: 400 })
  return { resident, topic, mode: 'IN_PERSON', siteId: site!.id, site, advisor }
}

/** What the page shows for the choices in its query string. */
export async function bookingPage(request: Request) {
  const signedIn = await requireAdvisor(request)
  requirePermission(signedIn.actor, 'booking.create', { organisationId: signedIn.organisation.id })
  const url = new URL(request.url)
  const organisationId = signedIn.organisation.id
  const zone = signedIn.organisation.timeZone
  const [t, language, offer, sites] = await Promise.all([
    fixedT(request),
    languageOf(request),
    offerOf(organisationId),
    organisationSites(db(), organisationId),
  ])
  const { topics, advisors } = offer
  const choice = await readChoice(signedIn, url.searchParams, offer)
  const query = url.searchParams.get('q') ?? ''
  const results = query ? await searchResidents(db(), organisationId, query) : []
  let slots: { value: string; label: string }[] = []
  let first: { value: string; when: string } | null = null
  let day: { date: string; label: string; next: string | null } | null = null
  let chosen: string | null = null
  if (choice.topic && choice.mode) {
    const now = new Date()
    const finder = await availability(db(), {
      organisationId,
      topicId: choice.topic.id,
      mode: choice.mode,
      siteId: choice.siteId,
      advisorId: choice.advisor?.id ?? null,
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
      const wanted = url.searchParams.get('creneau')
      chosen = (wanted && slots.find((slot) => slot.value >= wanted)?.value) || first.value
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
    carried: Object.fromEntries(
      CARRIED.flatMap((name) => {
        const value = url.searchParams.get(name)
        return value ? [[name, value]] : []
      }),
    ) as Partial<Record<(typeof CARRIED)[number], string>>,
    advisor: choice.advisor
      ? { id: choice.advisor.id, name: `${choice.advisor.firstName} ${choice.advisor.lastName}` }
      : null,
    chosen,
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
    // A walk-in goes to the advisor chosen on the grid, else to the signed-in person only
    // if they receive appointments.
    walkInAdvisor:
      choice.advisor?.id ??
      (advisors.some((advisor) => advisor.id === signedIn.advisor.id) ? signedIn.advisor.id : ''),
    today: localDateOf(new Date(), zone),
    nonce: newBookingNonce(),
    maxLengths: maxLengthsOf(bookingFields, contactFields),
  }
}

export type BookingActionData = FormReply & { problem?: 'taken' | 'tooMany' | 'overlap' }

const refuse = (data: BookingActionData, status: number) => Response.json(data, { status })

/** Books the chosen slot or walk-in, or says what to correct; nothing is saved then. */
export async function submitBooking(request: Request) {
  const signedIn = await requireAdvisor(request)
  requirePermission(signedIn.actor, 'booking.create', { organisationId: signedIn.organisation.id })
  const form = await request.formData()
  const texts = [...form].filter((entry): entry is [string, string] => typeof entry[1] === 'string')
  const offer = await offerOf(signedIn.organisation.id)
  const choice = await readChoice(signedIn, new URLSearchParams(texts), offer)
  if (!choice.resident || !choice.topic || !choice.mode) {
    throw new Response('Bad request', { status: 400 })
  }
  const nonce = form.get('nonce')
  if (!isBookingNonce(nonce)) throw new Response('Bad request', { status: 400 })
  const organisation = await db().organisation.findUniqueOrThrow({
    where: { id: signedIn.organisation.id },
    select: { allowedPhoneRegions: true, maxUpcomingPerContact: true },
  })
  // The walk-in time is the one on the clock of the place.
  const { site } = choice
  const known = choice.resident === 'new' ? null : choice.resident
  const booking = parseForm(
    form,
    bookingSchema({
      zone: site?.timeZone ?? signedIn.organisation.timeZone,
      advisorIds: offer.advisors.map((advisor) => advisor.id),
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
    ? residentContactOf(known)
    : { ...contact!.value.resident, language: 'fr' as const }
  const common = {
    signedIn,
    topicId: choice.topic.id,
    mode: choice.mode,
    siteId: choice.siteId,
    start: booking.value.start,
    resident,
    note: booking.value.note,
    nonce,
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
  const outcome = await bookOnBehalf({ ...common, advisorId: choice.advisor?.id ?? null })
  if (!outcome.ok) return refuse({ ...formReply(values), problem: outcome.reason }, 409)
  return redirect(`/espace/rendez-vous/${outcome.appointmentId}/fiche`)
}
