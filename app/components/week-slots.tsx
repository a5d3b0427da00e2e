import { Link } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import type { WeekView } from '~/features/journey/index.server'

/** A week of free times with its navigation; each time links where `hrefOf` says. */
export function WeekSlots({
  view,
  weekHref,
  firstHref,
  slotHref,
  alertHref,
}: {
  view: WeekView
  weekHref: (week: string) => string
  firstHref: string
  slotHref: (start: string) => string
  /** Where to ask to be told when a time frees up, when none is free at all. */
  alertHref?: string
}) {
  const { t } = useTranslation()
  return (
    <>
      <nav aria-label={view.weekLabel} className="week-nav">
        {view.previousWeek ? (
          <Link to={weekHref(view.previousWeek)}>← {t('journey.slot.previousWeek')}</Link>
        ) : null}
        <Link to={firstHref}>{t('journey.slot.firstAvailable')}</Link>
        <Link to={weekHref(view.nextWeek)}>{t('journey.slot.nextWeek')} →</Link>
      </nav>
      <h2>{view.weekLabel}</h2>
      {view.days.length === 0 ? (
        <div className="notice" role="status">
          <p>{t('journey.slot.noSlotThisWeek')}</p>
          {view.nextDayLabel && view.nextDayWeek ? (
            <p>
              {t('journey.slot.nextSlotOn', { day: view.nextDayLabel })}{' '}
              <Link to={weekHref(view.nextDayWeek)}>{t('journey.slot.goToNext')}</Link>
            </p>
          ) : (
            <>
              <p>{t('journey.slot.noSlotAtAll')}</p>
              {alertHref ? (
                <p>
                  <Link to={alertHref} className="button">
                    {t('alerts.journey.link')}
                  </Link>
                </p>
              ) : null}
            </>
          )}
        </div>
      ) : (
        view.days.map((day) => (
          <section key={day.label} aria-labelledby={`day-${day.slots[0]!.start}`} className="day">
            <h3 id={`day-${day.slots[0]!.start}`}>{day.label}</h3>
            <ul className="slot-list">
              {day.slots.map((slot) => (
                <li key={slot.start}>
                  <Link to={slotHref(slot.start)} className="slot" aria-label={slot.label}>
                    {slot.time}
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </>
  )
}
