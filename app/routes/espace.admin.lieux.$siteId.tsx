import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Choice, SelectField, TextField, useForm } from '~/components/form'
import {
  defaultSiteShortName,
  SITE_SHORT_NAME_MAX_LENGTH,
} from '~/domain/notifications/short-names'
import { AdminRecordForm } from '~/features/admin/record-form'
import { SITE_FIELDS, SITES_PATH } from '~/features/admin/record-fields'
import { SITES } from '~/features/admin/record-kinds.server'
import { HOLIDAY_REGIONS } from '~/features/admin/forms.server'
import {
  recordAction,
  recordPage,
  type RecordActionData,
} from '~/features/admin/record-pages.server'
import { siteOpenData } from '~/features/open-data/index.server'
import { useTranslation } from '~/i18n/use-translation'

// /espace/admin/lieux/<id> (or /nouveau): create or edit a site, deactivate or reactivate
// it. Sites are never deleted: appointments and opening rules point at them.
export const loader = async ({ request, params }: LoaderFunctionArgs) => ({
  ...(await recordPage(request, SITES, params.siteId)),
  // The list travels as data: the validation module stays on the server (decision 016).
  holidayRegions: [...HOLIDAY_REGIONS],
  openData: await siteOpenData(request, params.siteId),
})

export const action = ({ request, params }: ActionFunctionArgs) =>
  recordAction(request, SITES, params.siteId)

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

export default function SiteForm() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as RecordActionData | undefined
  const { t } = useTranslation()
  const labels = Object.fromEntries(
    SITE_FIELDS.map((field) => [field, t(`workspace.admin.sites.${field}`)]),
  )
  const form = useForm({
    reply: actionData?.stale ? null : actionData,
    defaults: data.values,
    maxLengths: data.maxLengths,
    labels,
  })
  const optional = (field: string) => `${labels[field]} ${t('workspace.admin.optional')}`
  const derived =
    data.values.name && data.values.city
      ? defaultSiteShortName(String(data.values.name), String(data.values.city))
      : null
  return (
    <AdminRecordForm
      data={data}
      actionData={actionData}
      form={form}
      list={{ path: SITES_PATH, title: t('workspace.admin.sites.title') }}
    >
      <TextField form={form} name="name" />
      <TextField
        form={form}
        name="shortName"
        label={optional('shortName')}
        hint={t(
          derived
            ? 'workspace.admin.sites.shortNameHint'
            : 'workspace.admin.sites.shortNameHintNew',
          {
            max: SITE_SHORT_NAME_MAX_LENGTH,
            derived,
          },
        )}
      />
      <TextField form={form} name="address" />
      <TextField form={form} name="postalCode" />
      <TextField form={form} name="city" />
      <TextField form={form} name="phone" type="tel" label={optional('phone')} />
      <TextField form={form} name="accessNotes" label={optional('accessNotes')} multiline />
      <TextField
        form={form}
        name="accessibilityNotes"
        label={optional('accessibilityNotes')}
        multiline
      />
      <SelectField
        form={form}
        name="holidayRegion"
        options={[
          { value: '', label: t('workspace.admin.sites.holidayRegionOfOrganisation') },
          ...data.holidayRegions.map((region) => ({
            value: region,
            label: t(`workspace.admin.settings.holidayRegions.${region}`),
          })),
        ]}
      />
      <h2>{t('openData.title')}</h2>
      {data.openData.published === null ? null : (
        <p className="notice">
          {data.openData.reason
            ? t(`openData.reasons.${data.openData.reason}`)
            : t('openData.published')}
        </p>
      )}
      <Choice
        form={form}
        name="openData"
        label={labels.openData!}
        hint={t('workspace.admin.sites.openDataHint')}
      />
      <TextField
        form={form}
        name="pivot"
        label={optional('pivot')}
        hint={t('workspace.admin.sites.pivotHint')}
      />
      <p>
        {t('openData.feeds')} <a href={data.openData.feeds.json}>{t('openData.json')}</a>,{' '}
        <a href={data.openData.feeds.csv}>{t('openData.csv')}</a>
      </p>
    </AdminRecordForm>
  )
}
