import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { formatAppointmentDate } from '~/domain/time/format'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import {
  activeSessions,
  endOtherSessions,
  endSession,
  requireAdvisor,
} from '~/features/access/auth.server'

// An advisor's own sessions: no other permission than being signed in; every query is
// scoped to the signed-in advisor.
export async function loader({ request }: LoaderFunctionArgs) {
  const signedIn = await requireAdvisor(request)
  const [t, language, sessions] = await Promise.all([
    fixedT(request),
    languageOf(request),
    activeSessions(signedIn.advisor.id),
  ])
  const zone = signedIn.organisation.timeZone
  const url = new URL(request.url)
  const ended = url.searchParams.get('termine')
  return {
    title: t('workspace.sessions.title'),
    notice:
      ended === null
        ? null
        : ended === 'un'
          ? t('workspace.sessions.ended')
          : t('workspace.sessions.endedOthers', { count: Number(ended) || 0 }),
    sessions: sessions.map((session) => ({
      id: session.id,
      current: session.id === signedIn.sessionId,
      device: session.userAgent,
      since: formatAppointmentDate(session.createdAt, zone, language),
      lastSeen: formatAppointmentDate(session.lastSeenAt, zone, language),
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

export async function action({ request }: ActionFunctionArgs) {
  const signedIn = await requireAdvisor(request)
  const form = await request.formData()
  if (form.get('intent') === 'end-others') {
    const count = await endOtherSessions(signedIn)
    return redirect(`/espace/connexions?termine=${count}`)
  }
  const sessionId = form.get('sessionId')
  if (typeof sessionId !== 'string' || sessionId === signedIn.sessionId) {
    return new Response('Bad request', { status: 400 })
  }
  if (!(await endSession(signedIn, sessionId))) throw new Response('Not found', { status: 404 })
  return redirect('/espace/connexions?termine=un')
}

export default function Sessions() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="page workspace">
      <h1>{data.title}</h1>
      {data.notice ? (
        <p className="notice" role="status">
          {data.notice}
        </p>
      ) : null}
      <p>{t('workspace.sessions.intro')}</p>
      <ul className="workspace-sessions">
        {data.sessions.map((session) => (
          <li key={session.id}>
            <p>
              <strong>
                {session.current
                  ? t('workspace.sessions.current')
                  : (session.device ?? t('workspace.sessions.unknownDevice'))}
              </strong>
            </p>
            <p>
              {t('workspace.sessions.since')} : {session.since}
              <br />
              {t('workspace.sessions.lastSeen')} : {session.lastSeen}
            </p>
            {session.current ? null : (
              <Form method="post">
                <input type="hidden" name="sessionId" value={session.id} />
                <button type="submit">{t('workspace.sessions.end')}</button>
              </Form>
            )}
          </li>
        ))}
      </ul>
      {data.sessions.length > 1 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="end-others" />
          <button type="submit">{t('workspace.sessions.endOthers')}</button>
        </Form>
      ) : null}
    </div>
  )
}
