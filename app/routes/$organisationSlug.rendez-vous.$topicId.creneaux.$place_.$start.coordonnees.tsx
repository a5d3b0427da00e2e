import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { CheckboxField, ErrorSummary, formFields, RadioField, TextField } from '~/components/form'
import { JourneyHeader } from '~/features/journey/journey-header'
import { journeyPaths } from '~/features/journey/paths'
import { SlotSummary } from '~/components/slot-summary'
import { formatAppointmentDate } from '~/domain/time/format'
import { contactSchema } from '~/features/journey/contact-form.server'
import { NOTE_MAX_LENGTH } from '~/features/journey/limits'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { readDraft, saveDraft } from '~/features/journey/draft.server'
import { requireSlotStep } from '~/features/journey/lookups.server'

export async function loader({ params, request }: LoaderFunctionArgs) {
  const step = await requireSlotStep(params)
  const [t, language, draft] = await Promise.all([
    fixedT(request),
    languageOf(request),
    readDraft(request, step.journeyKey),
  ])
  return {
    organisation: step.organisation,
    topic: step.topic,
    site: step.site,
    mode: step.mode,
    place: step.place,
    start: params.start!,
    when: formatAppointmentDate(step.start, step.zone, language),
    draft,
    title: t('journey.contact.title'),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} · ${data.organisation.name}` : 'Permanence' },
]

export async function action({ params, request }: ActionFunctionArgs) {
  const step = await requireSlotStep(params)
  const formData = await request.formData()
  const allowedRegions = step.organisation.allowedPhoneRegions.split(',')
  const submission = parseWithZod(formData, {
    schema: contactSchema({ mode: step.mode, allowedRegions }),
  })
  if (submission.status !== 'success') {
    return Response.json({ result: submission.reply() }, { status: 400 })
  }
  const fields = Object.fromEntries(
    [...formData.entries()].filter(([, value]) => typeof value === 'string'),
  ) as Record<string, string>
  const cookie = await saveDraft(request, { journey: step.journeyKey, fields: fields as never })
  const paths = journeyPaths(step.organisation.slug, step.topic.id)
  return redirect(paths.review(step.place, params.start!), { headers: { 'Set-Cookie': cookie } })
}

const FIELD_NAMES = [
  'firstName',
  'lastName',
  'phone',
  'email',
  'forSomeoneElse',
  'helperName',
  'helperPhone',
  'helperEmail',
  'messagesTo',
  'note',
  'consent',
  'website',
] as const
type FieldName = (typeof FIELD_NAMES)[number]

export default function ContactStep() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as
    { result?: Parameters<typeof formFields>[2] } | undefined
  const { t } = useTranslation()
  const paths = journeyPaths(data.organisation.slug, data.topic.id)
  const fields = formFields('contact', FIELD_NAMES, actionData?.result, data.draft)
  const labels: Record<string, string> = {
    firstName: t('journey.contact.firstName'),
    lastName: t('journey.contact.lastName'),
    phone: t('journey.contact.phone'),
    email: t('journey.contact.email'),
    helperName: t('journey.contact.helperName'),
    helperPhone: t('journey.contact.helperPhone'),
    helperEmail: t('journey.contact.helperEmail'),
    note: t('journey.contact.note'),
    website: t('journey.contact.website'),
  }
  const errors = Object.keys(labels).flatMap((name) => {
    const field = fields[name as FieldName]
    const code = (field.errors as string[] | undefined)?.[0]
    return code ? [{ id: field.id, label: labels[name]!, code }] : []
  })
  const isPhone = data.mode === 'PHONE'
  return (
    <div className="page">
      <JourneyHeader step={5} title={t('journey.contact.title')} backTo={paths.slots(data.place)} />
      <ErrorSummary errors={errors} />
      <SlotSummary topicName={data.topic.name} when={data.when} site={data.site} />
      <p>{t('journey.contact.intro')}</p>
      <Form method="post" id="contact" noValidate>
        <TextField
          field={fields.firstName}
          label={labels.firstName!}
          autoComplete="given-name"
          maxLength={80}
        />
        <TextField
          field={fields.lastName}
          label={labels.lastName!}
          autoComplete="family-name"
          maxLength={80}
        />
        <TextField
          field={fields.phone}
          label={isPhone ? t('journey.contact.phone') : t('journey.contact.phoneOptional')}
          hint={isPhone ? t('journey.contact.phoneWhyCall') : t('journey.contact.phoneWhy')}
          type="tel"
          autoComplete="tel"
          maxLength={40}
        />
        <TextField
          field={fields.email}
          label={labels.email!}
          hint={t('journey.contact.emailWhy')}
          type="email"
          autoComplete="email"
        />
        <fieldset className="helper">
          <legend>{t('journey.contact.helperTitle')}</legend>
          <CheckboxField
            field={fields.forSomeoneElse}
            label={t('journey.contact.forSomeoneElse')}
            hint={t('journey.contact.helperIntro')}
          />
          <TextField
            field={fields.helperName}
            label={labels.helperName!}
            autoComplete="name"
            maxLength={80}
          />
          <TextField
            field={fields.helperPhone}
            label={labels.helperPhone!}
            type="tel"
            maxLength={40}
          />
          <TextField field={fields.helperEmail} label={labels.helperEmail!} type="email" />
          <RadioField
            field={fields.messagesTo}
            legend={t('journey.contact.messagesTo')}
            options={[
              { value: 'resident', label: t('journey.contact.messagesToResident') },
              { value: 'helper', label: t('journey.contact.messagesToHelper') },
            ]}
          />
        </fieldset>
        <TextField
          field={fields.note}
          label={labels.note!}
          hint={t('journey.contact.noteWhy')}
          multiline
          maxLength={NOTE_MAX_LENGTH}
        />
        <CheckboxField
          field={fields.consent}
          label={t('journey.contact.consent')}
          hint={t('journey.contact.consentWhy')}
        />
        <div className="honeypot" aria-hidden="true">
          <label htmlFor={fields.website.id}>{labels.website}</label>
          <input
            id={fields.website.id}
            name={fields.website.name}
            type="text"
            tabIndex={-1}
            autoComplete="off"
          />
        </div>
        <button type="submit">{t('journey.contact.submit')}</button>
      </Form>
    </div>
  )
}
