import { Form, Link } from '@remix-run/react'
import { can, type Role } from '~/domain/access/policy'
import { useTranslation } from '~/i18n/use-translation'

/** The workspace's own navigation: who is signed in, the main pages, sign out. */
export function WorkspaceNav({ name, role }: { name: string; role: string }) {
  const { t } = useTranslation()
  // The policy decides, as on the server; the page itself is guarded by its loader.
  const administers = can(
    { advisorId: '', organisationId: '', role: role as Role },
    'organisation.administer',
  )
  return (
    <nav className="workspace-nav" aria-label={t('workspace.nav.label')}>
      <p className="workspace-who">
        {t('workspace.nav.signedInAs', { name })} · {t(`workspace.roles.${role}`)}
      </p>
      <ul>
        <li>
          <Link to="/espace">{t('workspace.nav.calendar')}</Link>
        </li>
        <li>
          <Link to="/espace/reserver">{t('workspace.booking.navLink')}</Link>
        </li>
        <li>
          <Link to="/espace/usagers">{t('workspace.residents.navLink')}</Link>
        </li>
        <li>
          <Link to="/espace/horaires">{t('workspace.rules.navLink')}</Link>
        </li>
        <li>
          <Link to="/espace/agenda">{t('workspace.agenda.navLink')}</Link>
        </li>
        {administers ? (
          <li>
            <Link to="/espace/admin">{t('workspace.admin.navLink')}</Link>
          </li>
        ) : null}
        <li>
          <Link to="/espace/connexions">{t('workspace.nav.sessions')}</Link>
        </li>
        <li>
          <Form method="post" action="/espace/deconnexion">
            <button type="submit" className="link-button">
              {t('workspace.nav.signOut')}
            </button>
          </Form>
        </li>
      </ul>
    </nav>
  )
}
