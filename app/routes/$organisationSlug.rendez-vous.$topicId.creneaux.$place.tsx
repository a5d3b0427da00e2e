import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { JourneyHeader } from '~/features/journey/journey-header'
import { journeyPaths } from '~/features/journey/paths'
import { WeekSlots } from '~/components/week-slots'
import { availability } from '~/features/schedule/index.server'
import { db } from '~/platform/database/client.server'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { requireWeekPage } from '~/features/journey/lookups.server'
import { cached } from '~/platform/cache/micro-cache.server'
import { resolveWeek, weekView } from '~/features/journey/week-view.server'
import { topicInLanguage } from '~/domain/topics/language'
import { withoutHydration } from '~/components/enhancement'

export const handle = withoutHydration

// The week of free times is shared by residents looking at it within these seconds.
const WEEK_CACHE_MS = 3_000

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { organisation, topic, site, isPhone, zone, scheduling } = await requireWeekPage(params)
  const paths = journeyPaths(organisation.slug, topic.id)
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  const url = new URL(request.url)
  const requested = url.searchParams.get('semaine')
  const wantFirst = url.searchParams.has('premier')
  const view = await cached(
    organisation.id,
    `week:${topic.id}:${params.place}:${requested}:${wantFirst}:${language}`,
    WEEK_CACHE_MS,
    async () => {
      const now = new Date()
      const finder = await availability(
        db(),
        {
          organisationId: organisation.id,
          topicId: topic.id,
          mode: isPhone ? 'PHONE' : 'IN_PERSON',
          siteId: site?.id ?? null,
          now,
        },
        scheduling,
      )
      const week = await resolveWeek(finder, requested, wantFirst, zone, now)
      if (week.redirectTo) return { redirectTo: week.redirectTo }
      return { view: await weekView(finder, week.week!, zone, language, t, now) }
    },
  )
  if ('redirectTo' in view) throw redirect(paths.slots(params.place!, view.redirectTo))
  return {
    organisation,
    topic: topicInLanguage(topic, language),
    site,
    place: params.place!,
    view: view.view,
    title: t(isPhone ? 'journey.slot.phoneTitle' : 'journey.slot.title'),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} · ${data.organisation.name}` : 'Permanence' },
]

export default function ChooseSlot() {
  const data = useLoaderData<typeof loader>()
  const paths = journeyPaths(data.organisation.slug, data.topic.id)
  const backTo = data.site ? paths.sites : data.topic.allowsInPerson ? paths.mode : paths.topics
  return (
    <div className="page">
      <JourneyHeader step={4} title={data.title} backTo={backTo} />
      <p className="meta">
        {data.topic.name}
        {data.site ? ` · ${data.site.name}` : ''}
      </p>
      <WeekSlots
        view={data.view}
        weekHref={(week) => paths.slots(data.place, week)}
        firstHref={`${paths.slots(data.place)}?premier=1`}
        slotHref={(start) => paths.contact(data.place, start)}
        alertHref={paths.alert(data.place)}
      />
    </div>
  )
}
