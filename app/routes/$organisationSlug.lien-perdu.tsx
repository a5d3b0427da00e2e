import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { PhoneNumber } from '~/components/phone-number'
import { ErrorSummary, TextField, useForm } from '~/components/form'
import type { FormReply } from '~/domain/input/problems'
import { BackToOrganisation } from '~/components/back-to-organisation'
import { lostLinkOrganisation, sendLinksAgain } from '~/features/manage/lost-link.server'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { useTranslation } from '~/i18n/use-translation'
import type { LoadContext } from '~/platform/http/app.server'
import { withoutHydration } from '~/components/enhancement'

export const handle = withoutHydration

// /<organisation>/lien-perdu: a phone number or an email in, the links of what is coming
// sent to it; the same answer whether anything matched or not (decision 092). A plain
// form: it works without JavaScript.
export async function loader({ params, request }: LoaderFunctionArgs) {
  const organisation = await lostLinkOrganisation(params.organisationSlug ?? '')
  if (!organisation) throw new Response('Not found', { status: 404 })
  const t = await fixedT(request)
  return {
    organisation: { slug: organisation.slug, name: organisation.name, phone: organisation.phone },
    title: t('lostLink.title'),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} · ${data.organisation.name}` : 'Permanence' },
  { name: 'robots', content: 'noindex' },
]

type ActionData =
  | { sent: true; landline: boolean }
  | (FormReply & { sent?: false; tooMany?: 'ADDRESS' | 'CONTACT' })

export async function action({ params, request, context }: ActionFunctionArgs) {
  const outcome = await sendLinksAgain({
    organisationSlug: params.organisationSlug ?? '',
    form: await request.formData(),
    clientAddress: (context as LoadContext).clientAddress,
    language: await languageOf(request),
  })
  switch (outcome.kind) {
    case 'NOT_FOUND':
      throw new Response('Not found', { status: 404 })
    case 'INVALID':
      return Response.json(outcome.reply satisfies ActionData, { status: 400 })
    case 'TOO_MANY':
      return Response.json({ ...outcome.reply, tooMany: outcome.limit } satisfies ActionData, {
        status: 429,
      })
    case 'SENT':
      return Response.json({ sent: true, landline: outcome.landline } satisfies ActionData)
  }
}

export default function LostLink() {
  const { organisation, title } = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>() as ActionData | undefined
  const { t } = useTranslation()
  const refused = answer && !answer.sent ? answer : null
  const form = useForm({
    reply: refused,
    labels: { contact: t('lostLink.contact') },
    messages: { contact: { INVALID: 'lostLink.invalid', REQUIRED: 'lostLink.invalid' } },
    idPrefix: 'lost-link',
  })
  return (
    <div className="page">
      <BackToOrganisation name={organisation.name} slug={organisation.slug} />
      <h1>{title}</h1>
      {answer?.sent ? (
        <div className="notice notice-success" role="status">
          <p>{t('lostLink.sent')}</p>
          {answer.landline ? <p>{t('lostLink.landline')}</p> : null}
        </div>
      ) : null}
      {refused?.tooMany ? (
        <p className="notice error" role="alert">
          {t(
            refused.tooMany === 'ADDRESS'
              ? 'lostLink.tooManyFromAddress'
              : 'lostLink.tooManyForContact',
          )}
        </p>
      ) : null}
      <ErrorSummary form={form} />
      <p>{t('lostLink.intro')}</p>
      <Form method="post" noValidate>
        <TextField form={form} name="contact" hint={t('lostLink.contactHint')} />
        <button type="submit">{t('lostLink.submit')}</button>
      </Form>
      <p>
        {organisation.phone ? (
          <>
            {t('lostLink.callOrganisation', { organisation: organisation.name })}{' '}
            <PhoneNumber e164={organisation.phone} />
          </>
        ) : (
          t('lostLink.contactOrganisation', { organisation: organisation.name })
        )}
      </p>
    </div>
  )
}
