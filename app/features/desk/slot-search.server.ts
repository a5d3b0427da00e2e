import { requireAdvisor, requirePermission } from '~/features/access/index.server'
import { organisationSites, receivingAdvisors } from '~/features/admin/index.server'
import { availability } from '~/features/schedule/index.server'
import { slotTimeZone } from '~/domain/scheduling'
import { PHONE_PLACE } from '~/domain/scheduling/place'
import { formatDay, formatTime, localDateOf } from '~/domain/time/format'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { db } from '~/platform/database/client.server'
import { bookableTopics } from './queries.server'
import { MOMENT_PARAMS, WEEKDAY_PARAMS } from './slot-search'

// /espace/creneaux: the phone booking search. Free slots of every advisor over the whole
// booking window, narrowed the way callers say it ("jeudi après-midi, à la médiathèque"),
// one list by day, a page at a time (decision 066). Every slot links to booking on behalf.

const SEARCH_PAGE_SIZE = 20

const notFound = () => new Response('Not found', { status: 404 })

export async function slotSearchPage(request: Request) {
  const signedIn = await requireAdvisor(request)
  const organisationId = signedIn.organisation.id
  requirePermission(signedIn.actor, 'booking.create', { organisationId })
  const url = new URL(request.url)
  const params = url.searchParams
  const [t, language, topics, sites, advisors] = await Promise.all([
    fixedT(request),
    languageOf(request),
    bookableTopics(db(), organisationId),
    organisationSites(db(), organisationId),
    receivingAdvisors(db(), organisationId),
  ])
  const topic = params.get('motif')
    ? topics.find((candidate) => candidate.id === params.get('motif'))
    : topics[0]
  const place = params.get('lieu') ?? ''
  const site = place && place !== PHONE_PLACE ? sites.find((one) => one.id === place) : null
  const advisorParam = params.get('conseiller') ?? ''
  const advisor = advisorParam ? advisors.find((one) => one.id === advisorParam) : null
  if (topic === undefined || site === undefined || advisor === undefined) throw notFound()
  const day = params.get('jour') ?? ''
  const moment = params.get('moment') ?? ''
  const mode = place === PHONE_PLACE ? ('PHONE' as const) : ('IN_PERSON' as const)
  const form = { motif: topic?.id ?? '', lieu: place, conseiller: advisorParam, jour: day, moment }
  const page = {
    title: t('workspace.search.title'),
    form,
    topics: topics.map((one) => ({ id: one.id, name: one.name })),
    sites,
    advisors: advisors.map((one) => ({ id: one.id, name: `${one.firstName} ${one.lastName}` })),
  }
  if (!topic) return { ...page, problem: 'noTopic' as const, days: [], next: null, first: true }
  const allowed = mode === 'PHONE' ? topic.allowsPhone : topic.allowsInPerson
  if (!allowed) {
    const problem = mode === 'PHONE' ? ('notByPhone' as const) : ('notInPerson' as const)
    return { ...page, problem, days: [], next: null, first: true }
  }
  const now = new Date()
  const after = new Date(params.get('apres') ?? '')
  const from = Number.isNaN(after.getTime()) || after < now ? now : after
  const finder = await availability(db(), {
    organisationId,
    topicId: topic.id,
    mode,
    siteId: site?.id ?? null,
    advisorId: advisor?.id ?? null,
    now,
  })
  const found = await finder.search({
    after: from,
    filter: {
      weekdays: WEEKDAY_PARAMS[day] ? [WEEKDAY_PARAMS[day]] : [],
      partOfDay: MOMENT_PARAMS[moment] ?? null,
    },
    limit: SEARCH_PAGE_SIZE,
  })
  const names = new Map(page.advisors.map((one) => [one.id, one.name]))
  const siteNames = new Map(sites.map((one) => [one.id, one.name]))
  const days: { date: string; title: string; slots: SlotLine[] }[] = []
  for (const slot of found.slots) {
    const zone = slotTimeZone(finder.query, slot.siteId)
    const date = localDateOf(slot.start, zone)
    let group = days.at(-1)
    if (!group || group.date !== date) {
      group = { date, title: formatDay(slot.start, zone, language), slots: [] }
      days.push(group)
    }
    const booking = new URLSearchParams({
      motif: topic.id,
      lieu: slot.siteId ?? PHONE_PLACE,
      jour: date,
      creneau: slot.start.toISOString(),
      ...(advisor ? { conseiller: advisor.id } : {}),
    })
    group.slots.push({
      value: slot.start.toISOString() + (slot.siteId ?? ''),
      time: formatTime(slot.start, zone, language),
      place: slot.siteId ? (siteNames.get(slot.siteId) ?? '') : t('workspace.search.byPhone'),
      advisors: slot.advisorIds.map((id) => names.get(id) ?? '').join(', '),
      link: `/espace/reserver?${booking.toString()}`,
    })
  }
  const nextParams = new URLSearchParams({ ...form })
  if (found.next) nextParams.set('apres', found.next.toISOString())
  return {
    ...page,
    problem: null,
    days,
    next: found.next ? `/espace/creneaux?${nextParams.toString()}` : null,
    first: from === now,
  }
}

type SlotLine = { value: string; time: string; place: string; advisors: string; link: string }
