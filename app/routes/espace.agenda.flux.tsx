import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Notice } from '~/components/workspace/admin'
import { createFeedToken, hasFeed, revokeFeedToken } from '~/features/calendar/feed.server'
import { db } from '~/platform/database/client.server'
import { fixedT } from '~/i18n/i18n.server'
import { useTranslation } from '~/i18n/use-translation'
import { absoluteUrl, requireAdvisor, requirePermission } from '~/features/access/index.server'

// /espace/agenda/flux: the signed-in advisor's secret calendar feed URL (decision 070):
// create (shown once, in the answer to the POST), replace, revoke. Their own calendar only.
async function signedInOwner(request: Request) {
  const signedIn = await requireAdvisor(request)
  requirePermission(signedIn.actor, 'calendar.view', {
    organisationId: signedIn.actor.organisationId,
    advisorId: signedIn.actor.advisorId,
  })
  return signedIn
}

export async function loader({ request }: LoaderFunctionArgs) {
  const signedIn = await signedInOwner(request)
  const t = await fixedT(request)
  return {
    title: t('workspace.agenda.feed.title'),
    exists: await hasFeed(db(), signedIn.advisor.id),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

type ActionData = { url: string | null; revoked: boolean }

// The new URL is in the POST's answer only, never in a URL or a later page: no redirect
// after creating, so reloading does not show it again (the browser asks to resend).
export async function action({ request }: ActionFunctionArgs) {
  const signedIn = await signedInOwner(request)
  const form = await request.formData()
  if (form.get('intent') === 'revoke') {
    await revokeFeedToken(db(), signedIn.actor)
    return Response.json({ url: null, revoked: true } satisfies ActionData)
  }
  const token = await createFeedToken(db(), signedIn.actor)
  return Response.json(
    { url: absoluteUrl(`/agenda/${token}.ics`), revoked: false } satisfies ActionData,
    { headers: { 'Cache-Control': 'no-store' } },
  )
}

export default function CalendarFeed() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const { t } = useTranslation()
  return (
    <div className="page workspace">
      <p className="back-link">
        <Link to="/espace/agenda">{t('workspace.agenda.navLink')}</Link>
      </p>
      <h1>{data.title}</h1>
      <Notice text={actionData?.revoked ? t('workspace.agenda.feed.revoked') : null} />
      <p>{t('workspace.agenda.feed.intro')}</p>
      {actionData?.url ? (
        <div className="notice notice-success" role="status">
          <p>{t('workspace.agenda.feed.created')}</p>
          <div className="field">
            <label htmlFor="feed-url">{t('workspace.agenda.feed.url')}</label>
            <input id="feed-url" type="text" readOnly value={actionData.url} className="feed-url" />
          </div>
          <p>{t('workspace.agenda.feed.warning')}</p>
        </div>
      ) : (
        <p>{data.exists ? t('workspace.agenda.feed.exists') : t('workspace.agenda.feed.none')}</p>
      )}
      <Form method="post">
        <input type="hidden" name="intent" value="create" />
        <button type="submit">
          {data.exists ? t('workspace.agenda.feed.replace') : t('workspace.agenda.feed.create')}
        </button>
      </Form>
      {data.exists ? (
        <Form method="post">
          <input type="hidden" name="intent" value="revoke" />
          <button type="submit">{t('workspace.agenda.feed.revoke')}</button>
        </Form>
      ) : null}
    </div>
  )
}
