import { Link } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'

export type AdminRecordRow = { id: string; name: string; details: string[]; active: boolean }

/**
 * The list page of an administered record kind (sites, topics): what it is, the link to
 * add one, and each record with its details and whether it is still offered.
 */
export function AdminRecordsPage({
  section,
  basePath,
  title,
  records,
}: {
  /** The i18n section under workspace.admin: its intro, new and empty texts. */
  section: 'sites' | 'topics'
  basePath: string
  title: string
  records: AdminRecordRow[]
}) {
  const { t } = useTranslation()
  return (
    <div className="page workspace">
      <p className="back-link">
        <Link to="/espace/admin">{t('workspace.admin.back')}</Link>
      </p>
      <h1>{title}</h1>
      <p>{t(`workspace.admin.${section}.intro`)}</p>
      <p>
        <Link to={`${basePath}/nouveau`}>{t(`workspace.admin.${section}.new`)}</Link>
      </p>
      {records.length === 0 ? <p>{t(`workspace.admin.${section}.empty`)}</p> : null}
      <ul className="admin-list">
        {records.map((record) => (
          <li key={record.id}>
            <Link to={`${basePath}/${record.id}`}>{record.name}</Link>
            {[
              ...record.details,
              record.active ? t('workspace.admin.active') : t('workspace.admin.inactive'),
            ].map((detail) => ` · ${detail}`)}
          </li>
        ))}
      </ul>
    </div>
  )
}
