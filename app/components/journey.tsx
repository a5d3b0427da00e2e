import { Link } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'

export const JOURNEY_STEPS = 6
/** The place segment of the URL for phone appointments; otherwise it is a site id. */
export const PHONE_PLACE = 'telephone'

/** One home for the booking journey's URLs, so every step links the same way. */
export function journeyPaths(organisationSlug: string, topicId = '') {
  const topics = `/${organisationSlug}/rendez-vous`
  const topic = `${topics}/${topicId}`
  return {
    organisation: `/${organisationSlug}`,
    topics,
    mode: topic,
    sites: `${topic}/lieu`,
    slots: (place: string, week?: string) =>
      `${topic}/creneaux/${place}${week ? `?semaine=${week}` : ''}`,
    contact: (place: string, start: string) => `${topic}/creneaux/${place}/${start}/coordonnees`,
    review: (place: string, start: string) => `${topic}/creneaux/${place}/${start}/confirmer`,
  }
}

/** The top of every booking step: where you are, how to go back, and the one h1. */
export function JourneyHeader({
  step,
  title,
  backTo,
}: {
  step: number
  title: string
  backTo?: string
}) {
  const { t } = useTranslation()
  return (
    <div className="journey-header">
      {backTo ? (
        <p className="back-link">
          <Link to={backTo}>← {t('journey.back')}</Link>
        </p>
      ) : null}
      <p className="step">{t('journey.stepOf', { step, total: JOURNEY_STEPS })}</p>
      <h1>{title}</h1>
    </div>
  )
}

// Slot starts travel in URLs as compact UTC instants ("20261201T0900Z"): no colons, no zone.
const SLOT_START = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z$/

export function encodeSlotStart(start: Date | string): string {
  const iso = new Date(start).toISOString()
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`
}

/** The instant of an encoded slot start, or null when the text is not one. */
export function decodeSlotStart(value: string | undefined): Date | null {
  const match = value ? SLOT_START.exec(value) : null
  if (!match) return null
  const [, year, month, day, hour, minute] = match
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:00.000Z`)
  return Number.isNaN(date.getTime()) || encodeSlotStart(date) !== value ? null : date
}
