import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { findOrganisation } from '~/features/admin/records.server'
import { db } from '~/platform/database/client.server'
import { smsUsageToday } from '~/features/notifications/index.server'
import { useTranslation } from '~/i18n/use-translation'
import { requireAdmin } from '~/features/access/index.server'

// /espace/admin: the administration pages of the organisation (admins only).
export async function loader({ request }: LoaderFunctionArgs) {
  const { signedIn, t } = await requireAdmin(request)
  const organisation = (await findOrganisation(db(), signedIn.actor.organisationId))!
  const sms = await smsUsageToday(db(), organisation, new Date())
  return { title: t('workspace.admin.title'), sms }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

export default function Administration() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="page workspace">
      <h1>{data.title}</h1>
      <p>{t('workspace.admin.intro')}</p>
      <ul className="admin-menu">
        <li>
          <Link to="/espace/admin/lieux">{t('workspace.admin.sites.title')}</Link>
        </li>
        <li>
          <Link to="/espace/admin/motifs">{t('workspace.admin.topics.title')}</Link>
        </li>
        <li>
          <Link to="/espace/admin/conseillers">{t('workspace.admin.advisors.title')}</Link>
        </li>
        <li>
          <Link to="/espace/admin/reglages">{t('workspace.admin.settings.title')}</Link>
        </li>
        <li>
          {/* A full load: the legal texts travel only with that page (decision 092). */}
          <Link to="/espace/admin/mentions" reloadDocument>
            {t('workspace.admin.legalPages')}
          </Link>
        </li>
      </ul>
      <section aria-labelledby="sms-title">
        <h2 id="sms-title">{t('workspace.admin.sms.title')}</h2>
        <p>{t('workspace.admin.sms.sent', { sent: data.sms.sent, cap: data.sms.cap })}</p>
        {data.sms.capReached ? (
          <p className="notice error" role="alert">
            {t('workspace.admin.sms.capReached')}
          </p>
        ) : null}
        {data.sms.numbersAtCap > 0 ? (
          <p className="notice">
            {t('workspace.admin.sms.numbersAtCap', {
              count: data.sms.numbersAtCap,
              perNumber: data.sms.perNumber,
            })}
          </p>
        ) : null}
      </section>
    </div>
  )
}
