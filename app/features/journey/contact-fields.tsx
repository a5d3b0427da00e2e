import { Choice, TextField, useForm, type FormView } from '~/components/form'
import type { FormReply, FormValues } from '~/domain/input/problems'
import { useTranslation } from '~/i18n/use-translation'

// The contact step's fields, for every form that asks a resident how to reach them: the
// booking's contact step, and asking to be told when a time frees up.

/** The contact form's fields as the contact step labels them. */
export function useContactForm(config: {
  reply: FormReply | null | undefined
  defaults: FormValues | null
  maxLengths: Record<string, number>
}) {
  const { t } = useTranslation()
  return useForm({
    ...config,
    idPrefix: 'contact',
    labels: {
      firstName: t('journey.contact.firstName'),
      lastName: t('journey.contact.lastName'),
      // The summary's words; the fields say which are optional.
      phone: t('journey.contact.phoneShort'),
      email: t('journey.contact.emailShort'),
      helperName: t('journey.contact.helperName'),
      helperPhone: t('journey.contact.helperPhoneShort'),
      helperEmail: t('journey.contact.helperEmailShort'),
      note: t('journey.contact.note'),
      website: t('journey.contact.website'),
    },
    messages: {
      firstName: { REQUIRED: 'journey.contact.firstNameRequired' },
      lastName: { REQUIRED: 'journey.contact.lastNameRequired' },
      helperName: { REQUIRED: 'journey.contact.helperNameRequired' },
      helperPhone: { CONTACT_REQUIRED: 'journey.contact.helperContactRequired' },
    },
  })
}

/** Name, phone and email of the person, each saying why it is asked. */
export function ResidentContactFields({ form, isPhone }: { form: FormView; isPhone: boolean }) {
  const { t } = useTranslation()
  return (
    <>
      <TextField form={form} name="firstName" autoComplete="given-name" />
      <TextField form={form} name="lastName" autoComplete="family-name" />
      <TextField
        form={form}
        name="phone"
        label={t(isPhone ? 'journey.contact.phone' : 'journey.contact.phoneOptional')}
        hint={isPhone ? t('journey.contact.phoneWhyCall') : t('journey.contact.phoneWhy')}
        type="tel"
        autoComplete="tel"
      />
      <TextField
        form={form}
        name="email"
        label={t(isPhone ? 'journey.contact.email' : 'journey.contact.emailOptional')}
        hint={t('journey.contact.emailWhy')}
        type="email"
        autoComplete="email"
      />
    </>
  )
}

/** The reminders' consent, and the field only robots fill in. */
export function ConsentAndRobotTrap({ form }: { form: FormView }) {
  const { t } = useTranslation()
  const website = form.field('website')
  return (
    <>
      <Choice
        form={form}
        name="consent"
        label={t('journey.contact.consent')}
        hint={t('journey.contact.consentWhy')}
      />
      <div className="honeypot" aria-hidden="true">
        <label htmlFor={website.id}>{website.label}</label>
        <input id={website.id} name={website.name} type="text" tabIndex={-1} autoComplete="off" />
      </div>
    </>
  )
}
