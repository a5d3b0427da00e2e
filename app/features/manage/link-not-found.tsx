import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'
import { PhoneNumber } from '~/components/phone-number'
import { useTranslation } from '~/i18n/use-translation'
import { isManageLinkNotFound } from './page-data'

/**
 * The error boundary of the manage pages: a link that does not work gets a page of its
 * own under the site's header, with whom to call; any other error goes up to the root's.
 */
export function ManageLinkErrorBoundary() {
  const error = useRouteError()
  const { t } = useTranslation()
  if (!isRouteErrorResponse(error) || !isManageLinkNotFound(error.data)) throw error
  const { organisation } = error.data
  return (
    <div className="page">
      <h1>{error.data.title}</h1>
      <p>{t('manage.notFound.intro')}</p>
      {organisation ? (
        <p>
          {organisation.phone ? (
            <>
              {t('manage.notFound.callOrganisation', { organisation: organisation.name })}{' '}
              <PhoneNumber e164={organisation.phone} />
            </>
          ) : (
            t('manage.notFound.contactOrganisation', { organisation: organisation.name })
          )}
        </p>
      ) : (
        <p>{t('manage.notFound.help')}</p>
      )}
      <p>
        <Link to={organisation ? `/${organisation.slug}` : '/'}>
          {t('manage.notFound.bookAgain')}
        </Link>
      </p>
    </div>
  )
}
