import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { WeekSlots } from '~/components/week-slots'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { managedView, moveFinder, requireManagedAppointment } from '~/features/manage/pages.server'
import { resolveWeek, weekView } from '~/features/journey/index.server'
import { linkPageMeta } from '~/components/link-pages'
import { LinkNotFoundBoundary } from '~/components/link-not-found'
import { withoutHydration } from '~/components/enhancement'

export const handle = withoutHydration

export async function loader({ params, request }: LoaderFunctionArgs) {
  const appointment = await requireManagedAppointment(params.token, request)
  const now = new Date()
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  const view = managedView(appointment, language, now)
  if (!view.canChange) throw redirect(`/r/${params.token}`)
  const zone = appointment.site?.timeZone ?? appointment.organisation.timeZone
  const finder = await moveFinder(appointment, now)
  const url = new URL(request.url)
  const base = `/r/${params.token}/deplacer`
  const week = await resolveWeek(
    finder,
    url.searchParams.get('semaine'),
    url.searchParams.has('premier'),
    zone,
    now,
  )
  if (week.redirectTo) throw redirect(`${base}?semaine=${week.redirectTo}`)
  return {
    ...view,
    token: params.token!,
    week: await weekView(finder, week.week!, zone, language, t, now),
    title: t('manage.moveTitle'),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, error }) => linkPageMeta(data, error)

export const ErrorBoundary = LinkNotFoundBoundary

export default function MoveAppointment() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const base = `/r/${data.token}/deplacer`
  return (
    <div className="page">
      <p className="back-link">
        <Link to={`/r/${data.token}`}>← {t('journey.back')}</Link>
      </p>
      <h1>{t('manage.moveTitle')}</h1>
      <p>
        {t('manage.moveFrom')} : {data.when}
      </p>
      <WeekSlots
        view={data.week}
        weekHref={(week) => `${base}?semaine=${week}`}
        firstHref={`${base}?premier=1`}
        slotHref={(start) => `${base}/${start}`}
      />
    </div>
  )
}
