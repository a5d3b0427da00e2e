import { Form, Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { ErrorSummary, type FormView } from '~/components/form'
import { Notice } from '~/components/workspace/admin'
import { useTranslation } from '~/i18n/use-translation'
import type { RecordActionData, RecordPageData } from './record-pages.server'

/**
 * The edit page of a site or a topic: back to the list, the title, what was saved or
 * refused as stale, the errors, the fields the caller gives, then deactivate or reactivate.
 */
export function AdminRecordForm({
  data,
  actionData,
  form,
  list,
  children,
}: {
  data: RecordPageData
  actionData: RecordActionData | undefined
  form: FormView
  list: { path: string; title: string }
  children: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <div className="page workspace">
      <p className="back-link">
        <Link to={list.path}>{list.title}</Link>
      </p>
      <h1>{data.title}</h1>
      <Notice text={data.notice && !actionData ? t('workspace.admin.saved') : null} />
      <Notice text={actionData?.stale ? t('workspace.admin.stale') : null} kind="alert" />
      <ErrorSummary form={form} />
      {data.isNew ? null : (
        <p>{data.active ? t('workspace.admin.active') : t('workspace.admin.inactive')}</p>
      )}
      <Form method="post" noValidate key={data.updatedAt || 'new'}>
        <input type="hidden" name="updatedAt" value={data.updatedAt} />
        {children}
        <button type="submit">
          {data.isNew ? t('workspace.admin.create') : t('workspace.admin.save')}
        </button>
      </Form>
      {data.isNew ? null : (
        <Form method="post">
          <input type="hidden" name="updatedAt" value={data.updatedAt} />
          <input type="hidden" name="intent" value={data.active ? 'deactivate' : 'reactivate'} />
          <button type="submit">
            {data.active ? t('workspace.admin.deactivate') : t('workspace.admin.reactivate')}
          </button>
        </Form>
      )}
    </div>
  )
}
