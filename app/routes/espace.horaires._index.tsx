import { AdvisorPicker } from '~/components/workspace/advisor-picker'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { db } from '~/platform/database/client.server'
import { advisorRules } from '~/features/schedule/opening-rules.server'
import { organisationAdvisors } from '~/features/admin/index.server'
import { authorise, can, mayHoldOpeningHours } from '~/domain/access'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { scheduleOwner } from '~/features/schedule/actions.server'
import { ruleView } from '~/features/schedule/views.server'

// /espace/horaires?conseiller=<id>: an advisor's opening rules, current and ended
// (decision 050: reception reads them, the advisor and admins change them).
export async function loader({ request }: LoaderFunctionArgs) {
  const { signedIn, advisor } = await scheduleOwner(request, 'schedule.view')
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  const zone = signedIn.organisation.timeZone
  const [rules, advisors] = await Promise.all([
    advisorRules(db(), [advisor.id]),
    can(signedIn.actor, 'schedule.view')
      ? organisationAdvisors(db(), signedIn.organisation.id)
      : Promise.resolve([]),
  ])
  const name = `${advisor.firstName} ${advisor.lastName}`
  const views = rules.map((rule) => ruleView(rule, zone, language, t))
  const url = new URL(request.url)
  return {
    title: t('workspace.rules.title', { name }),
    advisorName: name,
    advisorId: advisor.id,
    canManage:
      authorise(signedIn.actor, 'schedule.manage', {
        organisationId: advisor.organisationId,
        advisorId: advisor.id,
      }) === 'ALLOWED',
    saved: url.searchParams.get('enregistre') === '1',
    cancelled: Number(url.searchParams.get('annules') ?? 0) || 0,
    kept: Number(url.searchParams.get('gardes') ?? 0) || 0,
    current: views.filter((view) => !view.ended),
    ended: views.filter((view) => view.ended),
    advisors: advisors
      .filter((other) => mayHoldOpeningHours(other.role))
      .map((other) => ({ id: other.id, name: `${other.firstName} ${other.lastName}` })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

type View = ReturnType<typeof useLoaderData<typeof loader>>['current'][number]

function RuleList({ rules, canManage }: { rules: View[]; canManage: boolean }) {
  return (
    <ul className="workspace-rules">
      {rules.map((rule) => (
        <li key={rule.id}>
          <p>
            {canManage ? (
              <Link to={`/espace/horaires/${rule.id}`}>
                <strong>{rule.summary}</strong>
              </Link>
            ) : (
              <strong>{rule.summary}</strong>
            )}
          </p>
          <p>
            {rule.place} · {rule.frequency} · {rule.validity}
          </p>
          <p>{rule.topics}</p>
        </li>
      ))}
    </ul>
  )
}

export default function Rules() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const query = `?conseiller=${data.advisorId}`
  return (
    <div className="page workspace">
      <h1>{data.title}</h1>
      {data.saved ? (
        <div className="notice notice-success" role="status">
          <p>{t('workspace.rules.saved')}</p>
          {data.cancelled > 0 ? (
            <p>{t('workspace.rules.cancelled', { count: data.cancelled })}</p>
          ) : null}
          {data.kept > 0 ? <p>{t('workspace.rules.kept', { count: data.kept })}</p> : null}
        </div>
      ) : null}
      <p>{t('workspace.rules.intro')}</p>
      {data.advisors.length > 0 ? (
        <Form method="get" className="workspace-filter">
          <AdvisorPicker id="rules-advisor" advisors={data.advisors} value={data.advisorId} />
          <button type="submit">{t('workspace.rules.show')}</button>
        </Form>
      ) : null}
      <ul className="workspace-links">
        {data.canManage ? (
          <li>
            <Link to={`/espace/horaires/nouveau${query}`}>{t('workspace.rules.add')}</Link>
          </li>
        ) : null}
        <li>
          <Link to={`/espace/absences${query}`}>
            {t('workspace.rules.absencesLink', { name: data.advisorName })}
          </Link>
        </li>
      </ul>
      {data.canManage ? null : <p>{t('workspace.rules.readOnly')}</p>}
      <section aria-labelledby="rules-current">
        <h2 id="rules-current">{t('workspace.rules.current')}</h2>
        {data.current.length === 0 ? (
          <p>{t('workspace.rules.none')}</p>
        ) : (
          <RuleList rules={data.current} canManage={data.canManage} />
        )}
      </section>
      {data.ended.length > 0 ? (
        <section aria-labelledby="rules-ended">
          <h2 id="rules-ended">{t('workspace.rules.ended')}</h2>
          <RuleList rules={data.ended} canManage={false} />
        </section>
      ) : null}
    </div>
  )
}
