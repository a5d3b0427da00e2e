import { useTranslation } from '~/i18n/use-translation'
import type { WeekView } from '~/features/journey/index.server'

/**
 * A week of free times with its navigation; each time links where `slotHref` says. Plain
 * links: both pages that show it go without React in the browser (decision 096), where a
 * `Link` is the same anchor and costs a route resolution per link on the server (about a
 * tenth of the week page's CPU for its forty-odd links).
 */
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
          <a href={weekHref(view.previousWeek)}>← {t('journey.slot.previousWeek')}</a>
        ) : null}
        <a href={firstHref}>{t('journey.slot.firstAvailable')}</a>
        <a href={weekHref(view.nextWeek)}>{t('journey.slot.nextWeek')} →</a>
      </nav>
      <h2>{view.weekLabel}</h2>
      {view.days.length === 0 ? (
        <div className="notice" role="status">
          <p>{t('journey.slot.noSlotThisWeek')}</p>
          {view.nextDayLabel && view.nextDayWeek ? (
            <p>
              {t('journey.slot.nextSlotOn', { day: view.nextDayLabel })}{' '}
              <a href={weekHref(view.nextDayWeek)}>{t('journey.slot.goToNext')}</a>
            </p>
          ) : (
            <>
              <p>{t('journey.slot.noSlotAtAll')}</p>
              {alertHref ? (
                <p>
                  <a href={alertHref} className="button">
                    {t('alerts.journey.link')}
                  </a>
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
                  <a href={slotHref(slot.start)} className="slot" aria-label={slot.label}>
                    {slot.time}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </>
  )
}
