import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { ErrorSummary, TextField, useForm } from '~/components/form'
import { AffectedAppointments, useAffectedFields } from '~/features/schedule/affected-appointments'
import { upcomingAbsences } from '~/features/schedule/absences.server'
import { db } from '~/platform/database/client.server'
import { authorise } from '~/domain/access'
import { formatAppointmentDate } from '~/domain/time/format'
import { absenceSchema, decisionsSchema } from '~/features/schedule/forms.server'
import { maxLengthsOf } from '~/platform/forms.server'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { absenceAction, scheduleOwner } from '~/features/schedule/actions.server'
import type { AbsenceActionData as ActionData } from '~/features/schedule/page-data'

// /espace/absences?conseiller=<id>: an advisor's upcoming absences; add one (settling the
// appointments it would cover, decision 053) or remove one.
export async function loader({ request }: LoaderFunctionArgs) {
  const { signedIn, advisor } = await scheduleOwner(request, 'schedule.view')
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  const zone = signedIn.organisation.timeZone
  const absences = await upcomingAbsences(db(), advisor.id, new Date())
  const name = `${advisor.firstName} ${advisor.lastName}`
  const url = new URL(request.url)
  return {
    title: t('workspace.absences.title', { name }),
    advisorName: name,
    advisorId: advisor.id,
    zone,
    canManage:
      authorise(signedIn.actor, 'schedule.manage', {
        organisationId: advisor.organisationId,
        advisorId: advisor.id,
      }) === 'ALLOWED',
    saved: url.searchParams.get('enregistre') === '1',
    removed: url.searchParams.get('supprime') === '1',
    cancelled: Number(url.searchParams.get('annules') ?? 0) || 0,
    kept: Number(url.searchParams.get('gardes') ?? 0) || 0,
    defaultReason: t('workspace.absences.defaultReason'),
    maxLengths: maxLengthsOf(absenceSchema(zone), decisionsSchema([])),
    absences: absences.map((absence) => ({
      id: absence.id,
      from: formatAppointmentDate(absence.startsAt, zone, language),
      to: formatAppointmentDate(absence.endsAt, zone, language),
      reason: absence.reason,
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

export async function action({ request }: ActionFunctionArgs) {
  return absenceAction(request)
}

export default function Absences() {
  const data = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>() as ActionData | undefined
  const { t } = useTranslation()
  const affected = useAffectedFields()
  const form = useForm({
    reply: result,
    maxLengths: data.maxLengths,
    labels: {
      startDate: t('workspace.absences.startDate'),
      startTime: t('workspace.absences.startTime'),
      endDate: t('workspace.absences.endDate'),
      endTime: t('workspace.absences.endTime'),
      reason: t('workspace.absences.reason'),
      ...affected.labels,
    },
    messages: affected.messages,
  })
  const action = `/espace/absences?conseiller=${data.advisorId}`
  const timeHint = t('workspace.absences.timeHint', { zone: data.zone })
  return (
    <div className="page workspace">
      <h1>{data.title}</h1>
      {data.saved && !result ? (
        <div className="notice notice-success" role="status">
          <p>{t('workspace.absences.saved')}</p>
          {data.cancelled > 0 ? (
            <p>{t('workspace.rules.cancelled', { count: data.cancelled })}</p>
          ) : null}
          {data.kept > 0 ? <p>{t('workspace.rules.kept', { count: data.kept })}</p> : null}
        </div>
      ) : null}
      {data.removed && !result ? (
        <p className="notice notice-success" role="status">
          {t('workspace.absences.removed')}
        </p>
      ) : null}
      {result?.problem === 'GONE' ? (
        <p className="notice error" role="alert">
          {t('workspace.absences.gone')}
        </p>
      ) : null}
      <p>{t('workspace.absences.intro')}</p>
      <ul className="workspace-links">
        <li>
          <Link to={`/espace/horaires?conseiller=${data.advisorId}`}>
            {t('workspace.absences.rulesLink', { name: data.advisorName })}
          </Link>
        </li>
      </ul>
      <section aria-labelledby="absences-upcoming">
        <h2 id="absences-upcoming">{t('workspace.absences.upcoming')}</h2>
        {data.absences.length === 0 ? (
          <p>{t('workspace.absences.none')}</p>
        ) : (
          <ul className="workspace-absences">
            {data.absences.map((absence) => (
              <li key={absence.id}>
                <p>
                  {t('workspace.absences.range', { from: absence.from, to: absence.to })}
                  {absence.reason ? ` · ${absence.reason}` : ''}
                </p>
                {data.canManage ? (
                  <Form method="post" action={action}>
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="absenceId" value={absence.id} />
                    <button
                      type="submit"
                      className="secondary"
                      aria-label={t('workspace.absences.remove', {
                        from: absence.from,
                        to: absence.to,
                      })}
                    >
                      {t('workspace.absences.removeShort')}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      {data.canManage ? (
        <section aria-labelledby="absences-add">
          <h2 id="absences-add">{t('workspace.absences.add')}</h2>
          <Form method="post" action={action} noValidate>
            <ErrorSummary form={form} />
            <input type="hidden" name="intent" value="add" />
            <TextField form={form} name="startDate" type="date" />
            <TextField form={form} name="startTime" hint={timeHint} />
            <TextField form={form} name="endDate" type="date" />
            <TextField form={form} name="endTime" hint={timeHint} />
            <TextField form={form} name="reason" hint={t('workspace.absences.reasonHint')} />
            {result?.affected && result.affected.length > 0 ? (
              <AffectedAppointments
                form={form}
                affected={result.affected}
                defaultReason={data.defaultReason}
                changed={result.changed ?? false}
              />
            ) : null}
            <button type="submit">
              {result?.affected && result.affected.length > 0
                ? t('workspace.rules.affected.confirm')
                : t('workspace.absences.submit')}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  )
}
