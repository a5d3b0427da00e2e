import type { FormReply, FormValues } from '~/domain/input/problems'
import { useTranslation } from '~/i18n/use-translation'
import { Choice, ChoiceGroup, TextField, useForm, type FormView } from './form'

// The contact step's fields (features/journey/contact-form.server.ts reads them), for every
// form that asks a resident how to reach them: the booking's contact step, asking to be
// told when a time frees up, and registering for a workshop or joining its waiting list.

/**
 * Where the words of the "someone else" block come from: the journey's (an appointment)
 * or a workshop's (a registration): `forSomeoneElse`, `helperIntro`, `messagesToResident`,
 * `helperNameRequired`.
 */
export type HelperWords = 'journey.contact' | 'publicWorkshops.contact'

/** The contact form's fields as the contact step labels them; `labels` adds a form's own. */
export function useContactForm(config: {
  reply: FormReply | null | undefined
  defaults: FormValues | null
  maxLengths: Record<string, number>
  idPrefix?: string
  labels?: Record<string, string>
  words?: HelperWords
}) {
  const { t } = useTranslation()
  const { labels, words = 'journey.contact', idPrefix = 'contact', ...form } = config
  return useForm({
    ...form,
    idPrefix,
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
      ...labels,
      website: t('journey.contact.website'),
    },
    messages: {
      firstName: { REQUIRED: 'journey.contact.firstNameRequired' },
      lastName: { REQUIRED: 'journey.contact.lastNameRequired' },
      helperName: { REQUIRED: `${words}.helperNameRequired` },
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

/**
 * The closed "someone else" block, where a helper gives their own details (decision 025):
 * a disclosure out of the way, that works without JavaScript, open when it holds anything,
 * so what a helper typed is never hidden from them.
 */
export function HelperContactFields({
  form,
  words = 'journey.contact',
}: {
  form: FormView
  words?: HelperWords
}) {
  const { t } = useTranslation()
  const helperFields = ['helperName', 'helperPhone', 'helperEmail'].map(form.field)
  const open =
    helperFields.some((field) => field.value || field.error) ||
    form.field('messagesTo').value === 'helper'
  return (
    <details className="helper" open={open}>
      <summary>{t(`${words}.forSomeoneElse`)}</summary>
      <p className="hint">{t(`${words}.helperIntro`)}</p>
      <TextField form={form} name="helperName" autoComplete="name" />
      <TextField
        form={form}
        name="helperPhone"
        label={t('journey.contact.helperPhone')}
        type="tel"
        autoComplete="tel"
      />
      <TextField
        form={form}
        name="helperEmail"
        label={t('journey.contact.helperEmail')}
        type="email"
        autoComplete="email"
      />
      <ChoiceGroup
        form={form}
        name="messagesTo"
        type="radio"
        legend={t('journey.contact.messagesTo')}
        initial="resident"
        options={[
          { value: 'resident', label: t(`${words}.messagesToResident`) },
          { value: 'helper', label: t('journey.contact.messagesToHelper') },
        ]}
      />
    </details>
  )
}

/** The reminders' consent (worded for what it is about), and the field only robots fill in. */
export function ConsentAndRobotTrap({
  form,
  consent,
}: {
  form: FormView
  /** What the box says the details are used for: an appointment's reminders by default. */
  consent?: { label: string; hint: string }
}) {
  const { t } = useTranslation()
  const website = form.field('website')
  return (
    <>
      <Choice
        form={form}
        name="consent"
        label={consent?.label ?? t('journey.contact.consent')}
        hint={consent?.hint ?? t('journey.contact.consentWhy')}
      />
      <div className="honeypot" aria-hidden="true">
        <label htmlFor={website.id}>{website.label}</label>
        <input id={website.id} name={website.name} type="text" tabIndex={-1} autoComplete="off" />
      </div>
    </>
  )
}
