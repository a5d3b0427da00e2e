import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { decodeSlotStart } from '~/domain/time/slot-start'
import { db } from '~/platform/database/client.server'
import { moveByResident } from '~/features/manage/commands.server'
import { formatAppointmentDate } from '~/domain/time/format'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import {
  managedView,
  manageLinkNotFound,
  requireManagedAppointment,
} from '~/features/manage/pages.server'
import { linkPageMeta } from '~/components/link-pages'
import { LinkNotFoundBoundary } from '~/components/link-not-found'
import { withoutHydration } from '~/components/enhancement'

export const handle = withoutHydration

async function moveStep(params: { token?: string; start?: string }, request: Request) {
  const appointment = await requireManagedAppointment(params.token, request)
  const start = decodeSlotStart(params.start)
  if (!start) throw await manageLinkNotFound(request, appointment.organisation)
  return { appointment, start }
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { appointment, start } = await moveStep(params, request)
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  const view = managedView(appointment, language, new Date())
  if (!view.canChange) throw redirect(`/r/${params.token}`)
  const zone = appointment.site?.timeZone ?? appointment.organisation.timeZone
  return {
    ...view,
    token: params.token!,
    newWhen: formatAppointmentDate(start, zone, language),
    version: appointment.version,
    title: t('manage.moveConfirmTitle'),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, error }) => linkPageMeta(data, error)

export const ErrorBoundary = LinkNotFoundBoundary

export async function action({ params, request }: ActionFunctionArgs) {
  const { appointment, start } = await moveStep(params, request)
  const shown = String((await request.formData()).get('version') ?? '')
  // A form without the version it showed (sent from a page older than versions): ask again.
  if (!/^\d+$/.test(shown)) return redirect(new URL(request.url).pathname, 303)
  const move = { start, shownVersion: Number(shown) }
  const outcome = await moveByResident(db(), appointment, move, new Date())
  if (outcome === 'MOVED') return redirect(`/r/${params.token}?deplace=1`, { status: 303 })
  if (outcome === 'ALREADY_MOVED')
    return redirect(`/r/${params.token}?deja-deplace=1`, { status: 303 })
  if (outcome === 'TOO_LATE') return redirect(`/r/${params.token}`, { status: 303 })
  return Response.json({ taken: true }, { status: 409 })
}

export default function ConfirmMove() {
  const data = useLoaderData<typeof loader>()
  const refused = useActionData<typeof action>() as { taken?: boolean } | undefined
  const { t } = useTranslation()
  return (
    <div className="page">
      <p className="back-link">
        <Link to={`/r/${data.token}/deplacer`}>← {t('journey.back')}</Link>
      </p>
      <h1>{t('manage.moveConfirmTitle')}</h1>
      {refused?.taken ? (
        <div className="error-summary" role="alert">
          <p>{t('manage.moveTaken')}</p>
          <p>
            <Link to={`/r/${data.token}/deplacer`}>{t('journey.review.otherTimes')}</Link>
          </p>
        </div>
      ) : null}
      <dl className="summary">
        <dt>{t('journey.summary.topic')}</dt>
        <dd>{data.topic.name}</dd>
        <dt>{t('manage.moveFrom')}</dt>
        <dd>{data.when}</dd>
        {refused?.taken ? null : (
          <>
            <dt>{t('manage.moveTo')}</dt>
            <dd>{data.newWhen}</dd>
          </>
        )}
      </dl>
      {/* A time just taken is not offered again: the only way on is another time. */}
      {refused?.taken ? null : (
        <Form method="post">
          <input type="hidden" name="version" value={data.version} />
          <button type="submit">{t('manage.moveConfirm')}</button>
        </Form>
      )}
    </div>
  )
}
