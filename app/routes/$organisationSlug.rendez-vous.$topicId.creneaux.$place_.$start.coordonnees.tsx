import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { ErrorSummary, TextField } from '~/components/form'
import {
  ConsentAndRobotTrap,
  HelperContactFields,
  ResidentContactFields,
  useContactForm,
} from '~/components/contact-fields'
import type { FormReply } from '~/domain/input/problems'
import { JourneyHeader } from '~/features/journey/journey-header'
import { journeyPaths } from '~/features/journey/paths'
import { SlotSummary } from '~/components/slot-summary'
import { formatAppointmentDate } from '~/domain/time/format'
import { contactFields, contactStepSchema } from '~/features/journey/contact-form.server'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { readDraft, saveDraft } from '~/features/journey/draft.server'
import { requireSlotStep } from '~/features/journey/lookups.server'
import { maxLengthsOf, parseForm } from '~/platform/forms.server'
import { topicInLanguage } from '~/domain/topics/language'
import { withoutHydration } from '~/components/enhancement'

export const handle = withoutHydration

export async function loader({ params, request }: LoaderFunctionArgs) {
  const step = await requireSlotStep(params)
  const [t, language, draft] = await Promise.all([
    fixedT(request),
    languageOf(request),
    readDraft(request, step.journeyKey),
  ])
  return {
    organisation: step.organisation,
    topic: topicInLanguage(step.topic, language),
    site: step.site,
    mode: step.mode,
    place: step.place,
    start: params.start!,
    when: formatAppointmentDate(step.start, step.zone, language),
    draft: draft?.fields ?? null,
    maxLengths: maxLengthsOf(contactFields),
    title: t('journey.contact.title'),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} · ${data.organisation.name}` : 'Permanence' },
]

export async function action({ params, request }: ActionFunctionArgs) {
  const step = await requireSlotStep(params)
  const parsed = parseForm(await request.formData(), contactStepSchema(step))
  if (!parsed.ok) return Response.json(parsed.reply, { status: 400 })
  const cookie = saveDraft(request, { journey: step.journeyKey, fields: parsed.values })
  const paths = journeyPaths(step.organisation.slug, step.topic.id)
  return redirect(paths.review(step.place, params.start!), { headers: { 'Set-Cookie': cookie } })
}

export default function ContactStep() {
  const data = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as FormReply | undefined
  const { t } = useTranslation()
  const paths = journeyPaths(data.organisation.slug, data.topic.id)
  const form = useContactForm({ reply, defaults: data.draft, maxLengths: data.maxLengths })
  const isPhone = data.mode === 'PHONE'
  return (
    <div className="page">
      <JourneyHeader step={5} title={t('journey.contact.title')} backTo={paths.slots(data.place)} />
      <ErrorSummary form={form} />
      <SlotSummary topicName={data.topic.name} when={data.when} site={data.site} />
      <p>{t('journey.contact.intro')}</p>
      <p>
        {t('journey.contact.privacy')}{' '}
        <Link to={`/${data.organisation.slug}/vie-privee`} reloadDocument>
          {t('footer.privacy')}
        </Link>
      </p>
      <Form method="post" id="contact" noValidate>
        <ResidentContactFields form={form} isPhone={isPhone} />
        <HelperContactFields form={form} />
        <TextField
          form={form}
          name="note"
          hint={t('journey.contact.noteWhy', { max: data.maxLengths.note })}
          multiline
        />
        <ConsentAndRobotTrap form={form} />
        <button type="submit">{t('journey.contact.submit')}</button>
      </Form>
    </div>
  )
}
