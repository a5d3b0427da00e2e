import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'
import { PhoneNumber } from './phone-number'
import { useTranslation } from '~/i18n/use-translation'
import { isLinkNotFound } from './link-pages'

/**
 * The error boundary of the pages of a resident's link: a link that does not work gets a
 * page of its own under the site's header, with whom to call; any other error goes up to
 * the root's.
 */
export function LinkNotFoundBoundary() {
  const error = useRouteError()
  const { t } = useTranslation()
  if (!isRouteErrorResponse(error) || !isLinkNotFound(error.data)) throw error
  const { organisation, texts } = error.data
  return (
    <div className="page">
      <h1>{error.data.title}</h1>
      <p>{t(`${texts}.intro`)}</p>
      {organisation ? (
        <p>
          {organisation.phone ? (
            <>
              {t(`${texts}.callOrganisation`, { organisation: organisation.name })}{' '}
              <PhoneNumber e164={organisation.phone} />
            </>
          ) : (
            t(`${texts}.contactOrganisation`, { organisation: organisation.name })
          )}
        </p>
      ) : (
        <p>{t(`${texts}.help`)}</p>
      )}
      {organisation ? (
        <p>
          {t('lostLink.lostQuestion')}{' '}
          <Link to={`/${organisation.slug}/lien-perdu`}>{t('lostLink.link')}</Link>
        </p>
      ) : (
        <p>{t('lostLink.chooseOrganisation')}</p>
      )}
      <p>
        <Link to={organisation ? `/${organisation.slug}` : '/'}>{t(`${texts}.bookAgain`)}</Link>
      </p>
    </div>
  )
}
