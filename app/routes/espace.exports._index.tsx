import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { ChoiceGroup, ErrorSummary, SelectField, TextField, useForm } from '~/components/form'
import type { FormReply } from '~/domain/input/problems'
import { exportAction, exportPage } from '~/features/exports/index.server'
import { fixedT } from '~/i18n/i18n.server'
import { useTranslation } from '~/i18n/use-translation'

// /espace/exports: the form of an export (decision 086). A valid form sends the browser to
// the file's URL, so the form posts as a document (reloadDocument): the download starts and
// the page stays; a refused form comes back with what was typed.
export async function loader({ request }: LoaderFunctionArgs) {
  const [page, t] = await Promise.all([exportPage(request), fixedT(request)])
  return { ...page, title: t('exports.title') }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

export async function action({ request }: ActionFunctionArgs) {
  return exportAction(request)
}

export default function Exports() {
  const data = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as FormReply | undefined
  const { t } = useTranslation()
  const form = useForm({
    reply,
    defaults: data.defaults,
    labels: {
      kind: t('exports.kind'),
      format: t('exports.format'),
      from: t('exports.from'),
      to: t('exports.to'),
      siteId: t('exports.site'),
      advisorId: t('exports.advisor'),
    },
    messages: {
      to: { END_BEFORE_START: 'exports.toBeforeFrom' },
      siteId: { INVALID_CHOICE: 'exports.choiceRefused' },
      advisorId: { INVALID_CHOICE: 'exports.choiceRefused' },
    },
  })
  const periodHint = t('exports.periodHint', { zone: data.zone })
  return (
    <div className="page workspace">
      <h1>{data.title}</h1>
      <p>{data.everyone ? t('exports.introEveryone') : t('exports.intro')}</p>
      <Form method="post" reloadDocument noValidate>
        <ErrorSummary form={form} />
        <ChoiceGroup
          form={form}
          name="kind"
          type="radio"
          hint={t('exports.kindHint')}
          options={(['reports', 'appointments'] as const).map((kind) => ({
            value: kind,
            label: t(`exports.kinds.${kind}`),
          }))}
        />
        <ChoiceGroup
          form={form}
          name="format"
          type="radio"
          options={(['csv', 'xlsx'] as const).map((format) => ({
            value: format,
            label: t(`exports.formats.${format}`),
          }))}
        />
        <TextField form={form} name="from" type="date" hint={periodHint} />
        <TextField form={form} name="to" type="date" hint={periodHint} />
        <SelectField
          form={form}
          name="siteId"
          options={[{ value: '', label: t('exports.allSites') }, ...data.sites]}
        />
        {data.everyone ? (
          <SelectField
            form={form}
            name="advisorId"
            options={[{ value: '', label: t('exports.allAdvisors') }, ...data.advisors]}
          />
        ) : (
          <p>{t('exports.ownOnly')}</p>
        )}
        <p className="hint">{t('exports.privacy')}</p>
        <button type="submit">{t('exports.submit')}</button>
      </Form>
    </div>
  )
}
