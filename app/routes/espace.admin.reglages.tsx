import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import {
  AdminCheckbox,
  AdminErrors,
  AdminFieldset,
  AdminSelect,
  AdminText,
  Notice,
  type FormState,
} from '~/components/workspace/admin'
import { findOrganisation, updateSettings } from '~/features/admin/records.server'
import { db } from '~/platform/database/client.server'
import {
  fieldErrors,
  HOLIDAY_REGIONS,
  PHONE_REGIONS,
  reminderFormOf,
  settingsColumns,
  settingsSchema,
} from '~/features/admin/forms.server'
import { useTranslation } from '~/i18n/use-translation'
import { renderedUpdatedAt, valuesOf } from '~/features/admin/form-helpers.server'
import { requireAdmin } from '~/features/access/index.server'

// /espace/admin/reglages: the organisation's settings (time zone, holidays, reminders,
// quiet hours, SMS sender, phone regions, limits). Admins only; stale edits refused.
const TEXT_FIELDS = [
  'timeZone',
  'holidayRegion',
  'days',
  'hours',
  'quietHoursStart',
  'quietHoursEnd',
  'smsSenderName',
  'maxUpcomingPerContact',
  'bookingsPerIpPerHour',
  'bookingsPerPhonePerDay',
  'dailySmsCap',
] as const

export async function loader({ request }: LoaderFunctionArgs) {
  const { signedIn, t } = await requireAdmin(request)
  const organisation = (await findOrganisation(db(), signedIn.actor.organisationId))!
  const reminders = reminderFormOf(organisation.reminderOffsets)
  // The lists travel as data: the validation module stays on the server (and out of every
  // page's JavaScript, decision 016).
  const choices = { holidayRegions: [...HOLIDAY_REGIONS], phoneRegions: [...PHONE_REGIONS] }
  const url = new URL(request.url)
  return {
    title: t('workspace.admin.settings.title'),
    choices,
    notice: url.searchParams.get('enregistre') === '1',
    values: {
      updatedAt: organisation.updatedAt.toISOString(),
      timeZone: organisation.timeZone,
      holidayRegion: organisation.holidayRegion,
      daysBeforeOn: reminders.daysBeforeOn ? 'on' : '',
      days: String(reminders.days),
      sameDayOn: reminders.sameDayOn ? 'on' : '',
      hours: String(reminders.hours),
      quietHoursStart: organisation.quietHoursStart,
      quietHoursEnd: organisation.quietHoursEnd,
      smsSenderName: organisation.smsSenderName ?? '',
      allowedPhoneRegions: organisation.allowedPhoneRegions,
      maxUpcomingPerContact: String(organisation.maxUpcomingPerContact),
      bookingsPerIpPerHour: String(organisation.bookingsPerIpPerHour),
      bookingsPerPhonePerDay: String(organisation.bookingsPerPhonePerDay),
      dailySmsCap: String(organisation.dailySmsCap),
    } as Record<string, string>,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

type ActionData = FormState & { stale?: boolean }

export async function action({ request }: ActionFunctionArgs) {
  const { signedIn } = await requireAdmin(request)
  const form = await request.formData()
  const values = valuesOf(form)
  const parsed = settingsSchema.safeParse({
    ...values,
    allowedPhoneRegions: form.getAll('allowedPhoneRegions').map(String),
  })
  if (!parsed.success) {
    return Response.json({ values, errors: fieldErrors(parsed.error) } satisfies ActionData, {
      status: 400,
    })
  }
  const outcome = await updateSettings(
    db(),
    signedIn.actor,
    renderedUpdatedAt(form) ?? new Date(0),
    settingsColumns(parsed.data),
  )
  if (outcome !== 'SAVED') {
    return Response.json({ values, errors: {}, stale: true } satisfies ActionData, {
      status: 409,
    })
  }
  return redirect('/espace/admin/reglages?enregistre=1')
}

export default function Settings() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const { t } = useTranslation()
  const state: FormState =
    actionData && !actionData.stale ? actionData : { values: data.values, errors: {} }
  const label = (field: string) => t(`workspace.admin.settings.${field}`)
  const labels: Record<string, string> = Object.fromEntries(
    TEXT_FIELDS.map((field) => [field, label(field)]),
  )
  labels.allowedPhoneRegions = label('allowedPhoneRegions')
  return (
    <div className="page workspace">
      <p className="back-link">
        <Link to="/espace/admin">{t('workspace.admin.back')}</Link>
      </p>
      <h1>{data.title}</h1>
      <Notice text={data.notice && !actionData ? t('workspace.admin.saved') : null} />
      <Notice text={actionData?.stale ? t('workspace.admin.stale') : null} kind="alert" />
      <AdminErrors state={state} labels={labels} />
      <Form method="post" noValidate key={data.values.updatedAt}>
        <input type="hidden" name="updatedAt" value={data.values.updatedAt} />
        <AdminText
          name="timeZone"
          label={label('timeZone')}
          hint={label('timeZoneHint')}
          state={state}
        />
        <AdminSelect
          name="holidayRegion"
          label={label('holidayRegion')}
          state={state}
          options={data.choices.holidayRegions.map((region) => ({
            value: region,
            label: t(`workspace.admin.settings.holidayRegions.${region}`),
          }))}
        />
        <h2>{label('remindersTitle')}</h2>
        <AdminCheckbox name="daysBeforeOn" label={label('daysBeforeOn')} state={state} />
        <AdminText name="days" label={label('days')} state={state} />
        <AdminCheckbox name="sameDayOn" label={label('sameDayOn')} state={state} />
        <AdminText name="hours" label={label('hours')} state={state} />
        <AdminText name="quietHoursStart" label={label('quietHoursStart')} state={state} />
        <AdminText name="quietHoursEnd" label={label('quietHoursEnd')} state={state} />
        <AdminText
          name="smsSenderName"
          label={label('smsSenderName')}
          hint={label('smsSenderHint')}
          state={state}
        />
        <AdminFieldset
          name="allowedPhoneRegions"
          legend={label('allowedPhoneRegions')}
          state={state}
        >
          {data.choices.phoneRegions.map((region) => (
            <AdminCheckbox
              key={region}
              name="allowedPhoneRegions"
              id={`field-allowedPhoneRegions-${region}`}
              value={region}
              label={t(`workspace.admin.settings.regions.${region}`)}
              state={state}
            />
          ))}
        </AdminFieldset>
        <h2>{label('limitsTitle')}</h2>
        <AdminText
          name="maxUpcomingPerContact"
          label={label('maxUpcomingPerContact')}
          state={state}
        />
        <AdminText
          name="bookingsPerIpPerHour"
          label={label('bookingsPerIpPerHour')}
          state={state}
        />
        <AdminText
          name="bookingsPerPhonePerDay"
          label={label('bookingsPerPhonePerDay')}
          state={state}
        />
        <AdminText name="dailySmsCap" label={label('dailySmsCap')} state={state} />
        <button type="submit">{t('workspace.admin.save')}</button>
      </Form>
    </div>
  )
}
