import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import {
  Choice,
  ChoiceGroup,
  ErrorSummary,
  SelectField,
  TextField,
  useForm,
} from '~/components/form'
import { Notice } from '~/components/workspace/admin'
import type { FormReply } from '~/domain/input/problems'
import { findOrganisation, updateSettings } from '~/features/admin/records.server'
import { db } from '~/platform/database/client.server'
import {
  HOLIDAY_REGIONS,
  PHONE_REGIONS,
  reminderFormOf,
  SENDER_NAME_MAX_LENGTH,
  SENDER_NAME_MIN_LENGTH,
  settingsColumns,
  settingsSchema,
} from '~/features/admin/forms.server'
import { useTranslation } from '~/i18n/use-translation'
import { formReply, maxLengthsOf, parseForm, renderedUpdatedAt } from '~/platform/forms.server'
import { requireAdmin } from '~/features/access/index.server'

// /espace/admin/reglages: the organisation's settings (time zone, holidays, reminders,
// quiet hours, SMS sender, phone regions, limits). Admins only; stale edits refused.
const FIELDS = [
  'timeZone',
  'holidayRegion',
  'days',
  'hours',
  'quietHoursStart',
  'quietHoursEnd',
  'smsSenderName',
  'allowedPhoneRegions',
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
  const senderName = { min: SENDER_NAME_MIN_LENGTH, max: SENDER_NAME_MAX_LENGTH }
  const url = new URL(request.url)
  return {
    title: t('workspace.admin.settings.title'),
    choices,
    senderName,
    maxLengths: maxLengthsOf(settingsSchema),
    updatedAt: organisation.updatedAt.toISOString(),
    notice: url.searchParams.get('enregistre') === '1',
    values: {
      timeZone: organisation.timeZone,
      holidayRegion: organisation.holidayRegion,
      daysBeforeOn: reminders.daysBeforeOn ? 'on' : '',
      days: String(reminders.days),
      sameDayOn: reminders.sameDayOn ? 'on' : '',
      hours: String(reminders.hours),
      quietHoursStart: organisation.quietHoursStart,
      quietHoursEnd: organisation.quietHoursEnd,
      smsSenderName: organisation.smsSenderName ?? '',
      allowedPhoneRegions: organisation.allowedPhoneRegions.split(','),
      maxUpcomingPerContact: String(organisation.maxUpcomingPerContact),
      bookingsPerIpPerHour: String(organisation.bookingsPerIpPerHour),
      bookingsPerPhonePerDay: String(organisation.bookingsPerPhonePerDay),
      dailySmsCap: String(organisation.dailySmsCap),
    },
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

type ActionData = FormReply & { stale?: boolean }

export async function action({ request }: ActionFunctionArgs) {
  const { signedIn } = await requireAdmin(request)
  const form = await request.formData()
  const parsed = parseForm(form, settingsSchema)
  if (!parsed.ok) return Response.json(parsed.reply satisfies ActionData, { status: 400 })
  const outcome = await updateSettings(
    db(),
    signedIn.actor,
    renderedUpdatedAt(form),
    settingsColumns(parsed.value),
  )
  if (outcome !== 'SAVED') {
    // The page shows the current settings (the loader's), not what was typed.
    const reply = { ...formReply({}), stale: true }
    return Response.json(reply satisfies ActionData, { status: 409 })
  }
  return redirect('/espace/admin/reglages?enregistre=1')
}

export default function Settings() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const { t } = useTranslation()
  const label = (field: string) => t(`workspace.admin.settings.${field}`)
  const form = useForm({
    reply: actionData?.stale ? null : actionData,
    defaults: data.values,
    maxLengths: data.maxLengths,
    labels: Object.fromEntries(FIELDS.map((field) => [field, label(field)])),
    messages: { allowedPhoneRegions: { REQUIRED: 'workspace.admin.settings.regionsRequired' } },
  })
  return (
    <div className="page workspace">
      <p className="back-link">
        <Link to="/espace/admin">{t('workspace.admin.back')}</Link>
      </p>
      <h1>{data.title}</h1>
      <Notice text={data.notice && !actionData ? t('workspace.admin.saved') : null} />
      <Notice text={actionData?.stale ? t('workspace.admin.stale') : null} kind="alert" />
      <ErrorSummary form={form} />
      <Form method="post" noValidate key={data.updatedAt}>
        <input type="hidden" name="updatedAt" value={data.updatedAt} />
        <TextField form={form} name="timeZone" hint={label('timeZoneHint')} />
        <SelectField
          form={form}
          name="holidayRegion"
          options={data.choices.holidayRegions.map((region) => ({
            value: region,
            label: t(`workspace.admin.settings.holidayRegions.${region}`),
          }))}
        />
        <h2>{label('remindersTitle')}</h2>
        <Choice form={form} name="daysBeforeOn" label={label('daysBeforeOn')} />
        <TextField form={form} name="days" />
        <Choice form={form} name="sameDayOn" label={label('sameDayOn')} />
        <TextField form={form} name="hours" />
        <TextField form={form} name="quietHoursStart" />
        <TextField form={form} name="quietHoursEnd" />
        <TextField
          form={form}
          name="smsSenderName"
          hint={t('workspace.admin.settings.smsSenderHint', data.senderName)}
        />
        <ChoiceGroup
          form={form}
          name="allowedPhoneRegions"
          type="checkbox"
          options={data.choices.phoneRegions.map((region) => ({
            value: region,
            label: t(`workspace.admin.settings.regions.${region}`),
          }))}
        />
        <h2>{label('limitsTitle')}</h2>
        <TextField form={form} name="maxUpcomingPerContact" />
        <TextField form={form} name="bookingsPerIpPerHour" />
        <TextField form={form} name="bookingsPerPhonePerDay" />
        <TextField form={form} name="dailySmsCap" />
        <button type="submit">{t('workspace.admin.save')}</button>
      </Form>
    </div>
  )
}
