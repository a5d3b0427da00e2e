import { Link } from '@remix-run/react'
import type { PublicSession } from '~/features/workshops/index.server'
import { useTranslation } from '~/i18n/use-translation'

// How a workshop session reads wherever residents meet it: the organisation's home page,
// the workshops page, the session's own page and the links' pages (decision 084).

/** "3 places restantes", "1 place restante", "Complet — liste d'attente", "Inscriptions closes". */
export function SeatsLeft({ availability }: { availability: PublicSession['availability'] }) {
  const { t } = useTranslation()
  const text =
    availability.kind === 'OPEN'
      ? t('publicWorkshops.seatsLeft', { count: availability.left })
      : t(availability.kind === 'FULL' ? 'publicWorkshops.full' : 'publicWorkshops.closed')
  return <p className={`availability seats-${availability.kind.toLowerCase()}`}>{text}</p>
}

/** One session in a list: its topic (the link to its page), time, place, level, what to bring. */
export function WorkshopCard({
  session,
  heading,
  withDay,
}: {
  session: PublicSession
  heading: 'h2' | 'h3' | 'h4'
  /** The day is said by the card (a list not grouped by day). */
  withDay: boolean
}) {
  const { t } = useTranslation()
  const Heading = heading
  const time = withDay
    ? t('publicWorkshops.dayTime', { day: session.day, start: session.start, end: session.end })
    : t('publicWorkshops.time', { start: session.start, end: session.end })
  return (
    <li className="card card-link workshop-card">
      <Heading className="card-title">
        <Link to={session.path}>{session.topicName}</Link>
      </Heading>
      <p className="meta">
        {time} · {session.site.name}
      </p>
      <p className="meta">
        {t('publicWorkshops.level', { level: t(`publicWorkshops.levels.${session.level}`) })} ·{' '}
        {t(`theme.${session.theme}`)}
      </p>
      {session.wholeSeries ? <p className="meta">{t('publicWorkshops.wholeSeries')}</p> : null}
      {session.whatToBring ? (
        <p>{t('publicWorkshops.bring', { text: session.whatToBring })}</p>
      ) : null}
      <SeatsLeft availability={session.availability} />
    </li>
  )
}

/** What, when, where, level, what to bring and seats: the top of a session's pages. */
export function WorkshopSummary({
  session,
  withTopic = false,
  person,
  companions = [],
}: {
  session: PublicSession
  /** Names the workshop (a page whose heading does not). */
  withTopic?: boolean
  person?: string | null
  companions?: string[]
}) {
  const { t } = useTranslation()
  return (
    <dl className="summary">
      {withTopic ? (
        <>
          <dt>{t('publicWorkshops.session.topic')}</dt>
          <dd>{session.topicName}</dd>
        </>
      ) : null}
      {person ? (
        <>
          <dt>{t('publicWorkshops.registration.person')}</dt>
          <dd>{person}</dd>
        </>
      ) : null}
      {companions.length > 0 ? (
        <>
          <dt>{t('publicWorkshops.registration.companion')}</dt>
          <dd>{companions.join(', ')}</dd>
        </>
      ) : null}
      <dt>{t('publicWorkshops.session.when')}</dt>
      <dd>
        {t('publicWorkshops.dayTime', {
          day: session.day,
          start: session.start,
          end: session.end,
        })}
      </dd>
      <dt>{t('publicWorkshops.session.where')}</dt>
      <dd>
        {session.site.name}
        <br />
        {session.site.address}, {session.site.postalCode} {session.site.city}
      </dd>
      <dt>{t('publicWorkshops.session.level')}</dt>
      <dd className="workshop-level">{t(`publicWorkshops.levels.${session.level}`)}</dd>
      {session.whatToBring ? (
        <>
          <dt>{t('publicWorkshops.session.bring')}</dt>
          <dd>{session.whatToBring}</dd>
        </>
      ) : null}
    </dl>
  )
}

/** The dates of a series joined whole, each "mardi 3 mars, de 14 h à 16 h". */
export function SeriesDates({
  dates,
}: {
  dates: { id: string; day: string; start: string; end: string }[]
}) {
  const { t } = useTranslation()
  return (
    <ul>
      {dates.map((date) => (
        <li key={date.id}>
          {t('publicWorkshops.dayTime', { day: date.day, start: date.start, end: date.end })}
        </li>
      ))}
    </ul>
  )
}
