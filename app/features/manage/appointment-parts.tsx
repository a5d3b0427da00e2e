import { Link } from '@remix-run/react'
import { NumberSentence, PhoneNumber } from '~/components/phone-number'
import { useTranslation } from '~/i18n/use-translation'
import type { ManagedView } from './pages.server'

/**
 * How to be ready for an appointment to come: the call (to which number, from which) or
 * how to get in, and what to have at hand, worded for the mode (nothing to "bring" to a
 * phone call).
 */
export function AppointmentPreparation({ view }: { view: ManagedView }) {
  const { t } = useTranslation()
  const byPhone = view.mode === 'PHONE'
  return (
    <>
      {byPhone ? <NumberSentence text={t('manage.phoneCall')} e164={view.residentPhone} /> : null}
      {byPhone ? <NumberSentence text={t('manage.callFrom')} e164={view.callerPhone} /> : null}
      {!byPhone && view.site?.accessNotes ? (
        <>
          <h2>{t('manage.access')}</h2>
          <p>{view.site.accessNotes}</p>
        </>
      ) : null}
      {view.topic.instructions ? (
        <>
          <h2>{t(byPhone ? 'manage.bringPhone' : 'manage.bring')}</h2>
          <p>{view.topic.instructions}</p>
        </>
      ) : null}
    </>
  )
}

/** Once an appointment is cancelled or over: book again, online or by phone. */
export function BookAgain({ view }: { view: ManagedView }) {
  const { t } = useTranslation()
  return (
    <>
      <p>
        <Link to={view.bookAgainPath} className="button">
          {t('manage.bookAgain')}
        </Link>
      </p>
      {view.contactPhone ? (
        <p>
          {t('manage.bookAgainByPhone')} <PhoneNumber e164={view.contactPhone} />
        </p>
      ) : null}
    </>
  )
}
