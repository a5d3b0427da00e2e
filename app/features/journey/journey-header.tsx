import { Link } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { JOURNEY_STEPS } from './paths'

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
