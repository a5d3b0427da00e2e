import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { db } from '~/platform/database/client.server'
import { bookedBy, slipOf } from '~/features/desk/queries.server'
import { formatPhoneForDisplay } from '~/domain/residents/phone'
import { formatAppointmentDate } from '~/domain/time/format'
import { numberToCall } from '~/domain/booking/phone-numbers'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { requireAdvisor, requirePermission } from '~/features/access/index.server'
import { PrintButton } from '~/components/print-button'

// The slip handed or read to the resident after booking on their behalf: prints on one
// sheet (the browser's print command; the workspace navigation is hidden in print).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const signedIn = await requireAdvisor(request)
  const appointment = await slipOf(db(), params.appointmentId ?? '')
  requirePermission(
    signedIn.actor,
    'appointment.view',
    appointment
      ? {
          organisationId: appointment.organisationId,
          advisorId: appointment.advisorId,
          bookedBy: await bookedBy(db(), appointment.organisationId, appointment.id),
        }
      : null,
  )
  const a = appointment!
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  const zone = a.site?.timeZone ?? a.organisation.timeZone
  const cancelPhone = numberToCall(a)
  return {
    title: t('workspace.slip.title'),
    id: a.id,
    organisation: a.organisation.name,
    resident: `${a.resident.firstName} ${a.resident.lastName}`,
    topic: a.topic.name,
    instructions: a.topic.instructions,
    when: formatAppointmentDate(a.startsAt, zone, language),
    mode: a.mode,
    site: a.site
      ? {
          name: a.site.name,
          address: a.site.address,
          city: `${a.site.postalCode} ${a.site.city}`,
          accessNotes: a.site.accessNotes,
        }
      : null,
    callPhone: a.resident.phoneE164 ? formatPhoneForDisplay(a.resident.phoneE164) : null,
    cancelPhone: cancelPhone ? formatPhoneForDisplay(cancelPhone) : null,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
  { name: 'robots', content: 'noindex' },
]

export default function Slip() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="page slip workspace">
      <p className="notice notice-success workspace-screen-only" role="status">
        {t('workspace.slip.booked')}{' '}
        <Link to={`/espace/rendez-vous/${data.id}`}>{t('workspace.slip.back')}</Link>
      </p>
      <PrintButton />
      <h1>
        {data.title} · {data.organisation}
      </h1>
      <p>
        <strong>{data.resident}</strong>
      </p>
      <p>{data.topic}</p>
      <dl className="workspace-facts">
        <dt>{t('workspace.slip.when')}</dt>
        <dd>{data.when}</dd>
        <dt>{t('workspace.slip.where')}</dt>
        <dd>
          {data.site ? (
            <>
              {data.site.name}
              <br />
              {data.site.address}, {data.site.city}
            </>
          ) : (
            t('workspace.slip.call', { phone: data.callPhone ?? '' })
          )}
        </dd>
      </dl>
      {data.site?.accessNotes ? (
        <p>{t('workspace.slip.access', { notes: data.site.accessNotes })}</p>
      ) : null}
      {data.instructions ? (
        <p>{t('workspace.slip.bring', { instructions: data.instructions })}</p>
      ) : null}
      {data.cancelPhone ? <p>{t('workspace.slip.cancel', { phone: data.cancelPhone })}</p> : null}
    </div>
  )
}
