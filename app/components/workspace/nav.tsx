import { Form, NavLink } from '@remix-run/react'
import { can, type Role } from '~/domain/access/policy'
import { useTranslation } from '~/i18n/use-translation'

/**
 * The workspace's own navigation: who is signed in, the main pages (the current one marked
 * with aria-current by NavLink), sign out. "Mon agenda" only for who receives appointments:
 * reception and coordinators have none of their own (decision 065). "Comptes rendus" with
 * the number left to write, for who files activity reports (decision 085).
 */
export function WorkspaceNav({
  name,
  role,
  hasAgenda,
  reportsToDo,
}: {
  name: string
  role: string
  hasAgenda: boolean
  /** Activity reports left to write; null for who files none. */
  reportsToDo: number | null
}) {
  const { t } = useTranslation()
  // The policy decides, as on the server; the page itself is guarded by its loader. The
  // actor stands for the signed-in person: `OWN` asks whether they may act on their own.
  const actor = { advisorId: 'self', organisationId: '', role: role as Role }
  const OWN = 'self'
  const administers = can(actor, 'organisation.administer')
  const seesEveryone = can(actor, 'calendar.viewSite')
  // Their own figures at least: admins and advisors, not reception (decision 087).
  const seesStatistics = can(actor, 'statistics.view', OWN)
  // Advisors export their own rows, admins everyone's; reception nothing (decision 086).
  const exports = can(actor, 'export.create', OWN)
  // Admins, and reception without personal data (decision 091).
  const auditLog = can(actor, 'audit.view')
  return (
    <nav className="workspace-nav" aria-label={t('workspace.nav.label')}>
      <p className="workspace-who">
        {t('workspace.nav.signedInAs', { name })} · {t(`workspace.roles.${role}`)}
      </p>
      <ul>
        {hasAgenda ? (
          <li>
            <NavLink to="/espace" end>
              {t('workspace.nav.calendar')}
            </NavLink>
          </li>
        ) : null}
        {seesEveryone ? (
          <li>
            <NavLink to="/espace/aujourdhui">{t('workspace.grid.navLink')}</NavLink>
          </li>
        ) : null}
        <li>
          <NavLink to="/espace/creneaux">{t('workspace.search.navLink')}</NavLink>
        </li>
        <li>
          <NavLink to="/espace/reserver">{t('workspace.booking.navLink')}</NavLink>
        </li>
        <li>
          <NavLink to="/espace/ateliers">{t('workspace.workshops.navLink')}</NavLink>
        </li>
        {reportsToDo !== null ? (
          <li>
            <NavLink to="/espace/comptes-rendus">
              {t('reports.navLink')}
              {reportsToDo > 0 ? (
                <span className="nav-count">
                  {' '}
                  ({t('reports.navCount', { count: reportsToDo })})
                </span>
              ) : null}
            </NavLink>
          </li>
        ) : null}
        <li>
          <NavLink to="/espace/usagers">{t('workspace.residents.navLink')}</NavLink>
        </li>
        <li>
          <NavLink to="/espace/horaires">{t('workspace.rules.navLink')}</NavLink>
        </li>
        <li>
          <NavLink to="/espace/agenda">{t('workspace.agenda.navLink')}</NavLink>
        </li>
        {seesStatistics ? (
          <li>
            <NavLink to="/espace/statistiques">{t('statistics.navLink')}</NavLink>
          </li>
        ) : null}
        {exports ? (
          <li>
            <NavLink to="/espace/exports">{t('exports.navLink')}</NavLink>
          </li>
        ) : null}
        {administers ? (
          <li>
            <NavLink to="/espace/admin">{t('workspace.admin.navLink')}</NavLink>
          </li>
        ) : null}
        {auditLog ? (
          <li>
            <NavLink to="/espace/admin/journal">{t('auditLog.navLink')}</NavLink>
          </li>
        ) : null}
        <li>
          <NavLink to="/espace/connexions">{t('workspace.nav.sessions')}</NavLink>
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
