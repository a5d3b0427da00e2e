import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from '~/i18n/use-translation'

/** Search residents by name or phone (`?q=`), as reception does on the phone. */
export function ResidentSearchForm({
  query,
  children,
}: {
  query: string
  /** Hidden inputs of choices made before the search, kept through it. */
  children?: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <Form method="get" className="workspace-filter">
      {children}
      <div className="field">
        <label htmlFor="field-q">{t('workspace.booking.search')}</label>
        <p id="field-q-hint" className="hint">
          {t('workspace.booking.searchHint')}
        </p>
        <input
          id="field-q"
          name="q"
          type="search"
          defaultValue={query}
          aria-describedby="field-q-hint"
        />
      </div>
      <button type="submit">{t('workspace.booking.searchSubmit')}</button>
    </Form>
  )
}
