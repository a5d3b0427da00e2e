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
import { answerSettingsForm, findOrganisation } from '~/features/admin/records.server'
import {
  daysBeforeTime,
  parseReminderOffsets,
  sameDaySchedule,
  type QuietHours,
  type ReminderOffset,
} from '~/domain/notifications/policy'
import { senderNameProblem, smsSender } from '~/domain/notifications/sender'
import { formatDayTime, formatLocalTime, type DisplayLanguage } from '~/domain/time/format'
import type { Translate } from '~/i18n/translate'
import { smsSenderOfServer } from '~/features/notifications/index.server'
import { config } from '~/platform/config/config.server'
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
import { maxLengthsOf } from '~/platform/forms.server'
import { requireAdmin } from '~/features/access/index.server'
import { organisationFeeds } from '~/features/open-data/index.server'
import { retentionSettings, saveRetentionPeriods } from '~/features/retention/index.server'

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
  'pivot',
] as const

/**
 * The reminders' labels say when they really go, with the saved settings: quiet hours
 * move a "same day" reminder of an early appointment to the evening before.
 */
function reminderLabels(
  organisation: { reminderOffsets: string; quietHoursStart: string; quietHoursEnd: string },
  hours: number,
  t: Translate,
  language: DisplayLanguage,
) {
  const parsed = parseReminderOffsets(organisation.reminderOffsets)
  const offsets: ReminderOffset[] = parsed.ok ? parsed.offsets : []
  const daysBefore = offsets.find((offset) => offset.kind === 'DAYS_BEFORE') ?? {
    kind: 'DAYS_BEFORE' as const,
    days: 2,
  }
  const sameDay = offsets.find((offset) => offset.kind === 'SAME_DAY') ?? {
    kind: 'SAME_DAY' as const,
    atLeastHoursBefore: hours,
  }
  const quiet: QuietHours = {
    start: organisation.quietHoursStart,
    end: organisation.quietHoursEnd,
  }
  const clock = (time: string) => formatLocalTime(time, language)
  const schedule = sameDaySchedule(sameDay, quiet)
  return {
    daysBeforeOn: t('workspace.admin.settings.daysBeforeOn', {
      time: clock(daysBeforeTime(daysBefore)),
    }),
    sameDayOn:
      schedule.kind === 'EVENING_BEFORE'
        ? t('workspace.admin.settings.sameDayOnEveningBefore', { evening: clock(schedule.evening) })
        : t('workspace.admin.settings.sameDayOn', {
            morning: clock(schedule.morning),
            evening: clock(schedule.evening),
            before: clock(schedule.startsBefore),
          }),
  }
}

/** What the page says of the SMS sender in use: a name takes no reply, an old name is ignored. */
function senderNotice(smsSenderName: string | null, t: Translate): string | null {
  if (smsSenderName && senderNameProblem(smsSenderName)) {
    return t('workspace.admin.settings.smsSenderIgnored', { name: smsSenderName })
  }
  const sender = smsSender(smsSenderName, smsSenderOfServer(config()))
  if (sender.takesReplies) return null
  return t('workspace.admin.settings.smsSenderNoReplies', {
    sender: sender.from ?? smsSenderOfServer(config()),
  })
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { signedIn, t, language } = await requireAdmin(request)
  const organisation = (await findOrganisation(db(), signedIn.actor.organisationId))!
  const reminders = reminderFormOf(organisation.reminderOffsets)
  // The lists travel as data: the validation module stays on the server (and out of every
  // page's JavaScript, decision 016).
  const choices = { holidayRegions: [...HOLIDAY_REGIONS], phoneRegions: [...PHONE_REGIONS] }
  const senderName = { min: SENDER_NAME_MIN_LENGTH, max: SENDER_NAME_MAX_LENGTH }
  const url = new URL(request.url)
  const retention = await retentionSettings(db(), organisation.id)
  return {
    title: t('workspace.admin.settings.title'),
    choices,
    senderName,
    reminderLabels: reminderLabels(organisation, reminders.hours, t, language),
    senderNotice: senderNotice(organisation.smsSenderName, t),
    maxLengths: maxLengthsOf(settingsSchema),
    updatedAt: organisation.updatedAt.toISOString(),
    notice: url.searchParams.get('enregistre') === '1',
    feeds: organisationFeeds(organisation.slug),
    retention,
    retentionRunDate: retention.lastRun
      ? formatDayTime(new Date(retention.lastRun.finishedAt), organisation.timeZone, language)
      : null,
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
      pivot: organisation.pivot ?? '',
    },
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

// The retention periods are a form of their own (intent=retention), saved by the
// retention feature.
type ActionData = FormReply & { stale?: boolean; retention?: boolean }

export async function action({ request }: ActionFunctionArgs) {
  const { signedIn } = await requireAdmin(request)
  const form = await request.formData()
  if (form.get('intent') === 'retention') {
    const saved = await saveRetentionPeriods(db(), signedIn.actor, form)
    if (!saved.ok) {
      const reply = { ...saved.reply, retention: true }
      return Response.json(reply satisfies ActionData, { status: 400 })
    }
    return redirect('/espace/admin/reglages?enregistre=1#conservation')
  }
  return answerSettingsForm(
    signedIn.actor,
    form,
    settingsSchema,
    settingsColumns,
    '/espace/admin/reglages?enregistre=1',
  )
}

export default function Settings() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const { t } = useTranslation()
  const label = (field: string) => t(`workspace.admin.settings.${field}`)
  const form = useForm({
    reply: actionData?.stale || actionData?.retention ? null : actionData,
    defaults: data.values,
    maxLengths: data.maxLengths,
    labels: Object.fromEntries(FIELDS.map((field) => [field, label(field)])),
    messages: { allowedPhoneRegions: { REQUIRED: 'workspace.admin.settings.regionsRequired' } },
  })
  const retention = useForm({
    reply: actionData?.retention ? actionData : null,
    defaults: Object.fromEntries(
      data.retention.periods.map((period) => [period.field, String(period.months)]),
    ),
    labels: Object.fromEntries(
      data.retention.periods.map((period) => [
        period.field,
        t(`retention.periods.${period.category}`),
      ]),
    ),
    idPrefix: 'retention',
  })
  const lastRun = data.retention.lastRun
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
        <Choice form={form} name="daysBeforeOn" label={data.reminderLabels.daysBeforeOn} />
        <TextField form={form} name="days" />
        <Choice form={form} name="sameDayOn" label={data.reminderLabels.sameDayOn} />
        <TextField form={form} name="hours" />
        <TextField form={form} name="quietHoursStart" />
        <TextField form={form} name="quietHoursEnd" />
        {data.senderNotice ? <p className="notice">{data.senderNotice}</p> : null}
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
        <h2>{label('openDataTitle')}</h2>
        <TextField form={form} name="pivot" hint={label('pivotHint')} />
        <p>
          {t('openData.feeds')} <a href={data.feeds.json}>{t('openData.json')}</a>,{' '}
          <a href={data.feeds.csv}>{t('openData.csv')}</a>
        </p>
        <button type="submit">{t('workspace.admin.save')}</button>
      </Form>
      <section aria-labelledby="conservation">
        <h2 id="conservation">{t('retention.title')}</h2>
        <p>{t('retention.intro')}</p>
        <ErrorSummary form={retention} />
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="retention" />
          {data.retention.periods.map((period) => (
            <TextField
              key={period.field}
              form={retention}
              name={period.field}
              hint={t('retention.bounds', { min: period.min, max: period.max })}
            />
          ))}
          <button type="submit">{t('retention.save')}</button>
        </Form>
        {lastRun ? (
          <>
            <p>{t('retention.lastRun', { date: data.retentionRunDate })}</p>
            <ul>
              {Object.entries(lastRun.counts).map(([name, count]) => (
                <li key={name}>
                  {count} {t(`retention.counts.${name}`)}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>{t('retention.never')}</p>
        )}
      </section>
    </div>
  )
}
