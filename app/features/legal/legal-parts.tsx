import { PhoneNumber } from '~/components/phone-number'
import { useTranslation } from '~/i18n/use-translation'

/** A value the admin completes, or the words saying it is not given yet. */
export function Given({ value }: { value: string | null }) {
  const { t } = useTranslation()
  return value ? <>{value}</> : <em>{t('legal.notGiven')}</em>
}

/** How to reach the organisation: its phone and email, as far as they are known. */
export function OrganisationContact({
  phone,
  email,
}: {
  phone: string | null
  email: string | null
}) {
  const { t } = useTranslation()
  if (!phone && !email) return <em>{t('legal.notGiven')}</em>
  return (
    <>
      {phone ? <PhoneNumber e164={phone} /> : null}
      {phone && email ? ', ' : null}
      {email ? <a href={`mailto:${email}`}>{email}</a> : null}
    </>
  )
}
