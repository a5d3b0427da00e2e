import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { ErrorSummary } from '~/components/form'
import type { FormReply } from '~/domain/input/problems'
import { topicInLanguage } from '~/domain/topics/language'
import { JourneyHeader } from '~/features/journey/journey-header'
import { journeyPaths } from '~/features/journey/paths'
import {
  ConsentAndRobotTrap,
  ResidentContactFields,
  useContactForm,
} from '~/components/contact-fields'
import { contactFields, contactStepSchema } from '~/features/journey/contact-form.server'
import { requireWeekPage } from '~/features/journey/lookups.server'
import { askAlertOnline } from '~/features/journey/alert-request.server'
import { availability } from '~/features/schedule/index.server'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { db } from '~/platform/database/client.server'
import { formReply, maxLengthsOf, parseForm } from '~/platform/forms.server'
import type { LoadContext } from '~/platform/http/app.server'
import { withoutHydration } from '~/components/enhancement'

export const handle = withoutHydration

// "Aucun rendez-vous libre": the resident leaves their contact (the contact step's fields
// and rules) to be told when a time frees up for this topic and place; the alert link's
// page follows, which can stop it.

export async function loader({ params, request }: LoaderFunctionArgs) {
  const page = await requireWeekPage(params)
  const { organisation, topic, site, isPhone } = page
  const paths = journeyPaths(organisation.slug, topic.id)
  const finder = await availability(db(), {
    organisationId: organisation.id,
    topicId: topic.id,
    mode: isPhone ? 'PHONE' : 'IN_PERSON',
    siteId: site?.id ?? null,
    now: new Date(),
  })
  // A time free now needs no alert: the week shows it.
  if (await finder.first()) throw redirect(`${paths.slots(params.place!)}?premier=1`)
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  return {
    organisation,
    topic: topicInLanguage(topic, language),
    site,
    isPhone,
    place: params.place!,
    maxLengths: maxLengthsOf(contactFields),
    title: t('alerts.journey.title'),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} · ${data.organisation.name}` : 'Permanence' },
]

export async function action({ params, request, context }: ActionFunctionArgs) {
  const page = await requireWeekPage(params)
  const schema = contactStepSchema({
    mode: page.isPhone ? 'PHONE' : 'IN_PERSON',
    organisation: page.organisation,
  })
  const parsed = parseForm(await request.formData(), schema)
  if (!parsed.ok) return Response.json(parsed.reply, { status: 400 })
  const asked = await askAlertOnline({
    page,
    resident: { ...parsed.value.resident, language: await languageOf(request) },
    clientAddress: (context as LoadContext).clientAddress,
  })
  if (asked.ok) return redirect(`/alerte/${asked.token}?nouveau=1`, { status: 303 })
  if (asked.refusal === 'RATE_LIMITED')
    return Response.json({ ...formReply(parsed.values), rateLimited: true }, { status: 429 })
  const problem = { phone: { code: 'PHONE_NOT_REACHABLE' as const } }
  return Response.json(formReply(parsed.values, problem), { status: 400 })
}

export default function AskForAlert() {
  const data = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as (FormReply & { rateLimited?: true }) | undefined
  const { t } = useTranslation()
  const paths = journeyPaths(data.organisation.slug, data.topic.id)
  const form = useContactForm({ reply, defaults: null, maxLengths: data.maxLengths })
  return (
    <div className="page">
      <JourneyHeader step={4} title={data.title} backTo={paths.slots(data.place)} />
      <ErrorSummary form={form} />
      {reply?.rateLimited ? (
        <p className="error-summary" role="alert">
          {t('journey.review.rateLimited')}
        </p>
      ) : null}
      <p className="meta">
        {data.topic.name}
        {data.site ? ` · ${data.site.name}` : ''}
      </p>
      <p>{t('alerts.journey.intro', { max: data.organisation.earlierSlotAlerts })}</p>
      <Form method="post" id="contact" noValidate>
        <ResidentContactFields form={form} isPhone={data.isPhone} />
        <ConsentAndRobotTrap form={form} />
        <button type="submit">{t('alerts.journey.submit')}</button>
      </Form>
    </div>
  )
}
