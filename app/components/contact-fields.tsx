import type { ReactNode } from 'react'
import type { Translate } from '~/i18n/translate'
import { useTranslation } from '~/i18n/use-translation'
import { Choice, ChoiceGroup, TextField, type FormView } from './form'

// The contact step's fields (features/journey/contact-form.server.ts reads them): the
// person's name and how to reach them, the closed "someone else" block of a helper
// (decision 025), the consent and the robots' field. The booking journey and the workshop
// registration show the same fields, read by the same schema.

/**
 * Where the words of the "someone else" block come from: the journey's (an appointment)
 * or a workshop's (a registration): `forSomeoneElse`, `helperIntro`, `messagesToResident`,
 * `helperNameRequired`.
 */
export type HelperWords = 'journey.contact' | 'publicWorkshops.contact'

/** The labels and per-field messages of a form holding the contact fields. */
export function contactFormConfig(
  t: Translate,
  more: Record<string, string> = {},
  words: HelperWords = 'journey.contact',
) {
  return {
    labels: {
      firstName: t('journey.contact.firstName'),
      lastName: t('journey.contact.lastName'),
      // The summary's words; the fields say which are optional.
      phone: t('journey.contact.phoneShort'),
      email: t('journey.contact.emailShort'),
      helperName: t('journey.contact.helperName'),
      helperPhone: t('journey.contact.helperPhoneShort'),
      helperEmail: t('journey.contact.helperEmailShort'),
      ...more,
      website: t('journey.contact.website'),
    },
    messages: {
      firstName: { REQUIRED: 'journey.contact.firstNameRequired' },
      lastName: { REQUIRED: 'journey.contact.lastNameRequired' },
      helperName: { REQUIRED: `${words}.helperNameRequired` },
      helperPhone: { CONTACT_REQUIRED: 'journey.contact.helperContactRequired' },
    },
  }
}

export function ContactFields({
  form,
  isPhone = false,
  words = 'journey.contact',
  consent,
  children,
}: {
  form: FormView
  /** An appointment by phone: the number is required, to be called on. */
  isPhone?: boolean
  words?: HelperWords
  /** What the consent box says the contact details are used for. */
  consent: { label: string; hint: string }
  /** Fields of the form's own, between the helper's block and the consent. */
  children?: ReactNode
}) {
  const { t } = useTranslation()
  const website = form.field('website')
  const helperFields = ['helperName', 'helperPhone', 'helperEmail'].map(form.field)
  // Open when it holds anything: what a helper typed is never hidden from them.
  const helperOpen =
    helperFields.some((field) => field.value || field.error) ||
    form.field('messagesTo').value === 'helper'
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
      {/* A disclosure: closed, it is out of the way; it works without JavaScript. */}
      <details className="helper" open={helperOpen}>
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
      {children}
      <Choice form={form} name="consent" label={consent.label} hint={consent.hint} />
      <div className="honeypot" aria-hidden="true">
        <label htmlFor={website.id}>{website.label}</label>
        <input id={website.id} name={website.name} type="text" tabIndex={-1} autoComplete="off" />
      </div>
    </>
  )
}
