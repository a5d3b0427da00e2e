import { useEffect } from 'react'
import type { LinksFunction } from '@remix-run/node'
import {
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLocation,
  useRouteError,
} from '@remix-run/react'
import { useTranslation, TranslationProvider } from '~/i18n/use-translation'
import { DemoBanner } from './components/demo-banner'
import { Enhancement, useHydration } from './components/enhancement'
import { Footer } from './components/footer'
import { LanguageSwitch } from './components/language-switch'
import { useNonce } from './components/nonce'
import { useFocusOnNewPage } from './components/focus-on-new-page'
import { TextsScript, useTexts } from './i18n/texts'
import styles from './styles/app.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export const handle = { i18n: 'translation' }

export function Layout({ children }: { children: React.ReactNode }) {
  const { language, translations, demo } = useTexts()
  const nonce = useNonce()
  const hydrated = useHydration()
  return (
    <TranslationProvider language={language} translations={translations}>
      <html lang={language} dir="ltr">
        <head>
          <meta charSet="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <Meta />
          <ErrorTitle />
          <Links />
        </head>
        <body>
          {demo ? <DemoBanner /> : null}
          {children}
          {hydrated ? (
            <>
              <TextsScript />
              <ScrollRestoration nonce={nonce} />
              <Scripts nonce={nonce} />
            </>
          ) : (
            <Enhancement nonce={nonce} />
          )}
        </body>
      </html>
    </TranslationProvider>
  )
}

/**
 * The title of the root's error page (an unknown address): no route's meta runs then.
 * Errors a route shows itself (its own boundary) keep that route's meta.
 */
function ErrorTitle() {
  const error = useRouteError()
  const { t } = useTranslation()
  // null, not undefined, when a route below answered with its own boundary.
  if (error === undefined || error === null) return null
  const notFound = isRouteErrorResponse(error) && error.status === 404
  return (
    <title>{`${t(notFound ? 'error.notFoundTitle' : 'error.title')} · ${t('app.name')}`}</title>
  )
}

function Header() {
  const { t } = useTranslation()
  // The language switch brings the reader back to this page, with its week or banner.
  const location = useLocation()
  const path = `${location.pathname}${location.search}`
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Link to="/" className="brand">
        {t('app.name')}
      </Link>
      <Link to="/espace" className="workspace-link" reloadDocument>
        {t('app.workspaceLink')}
      </Link>
      <LanguageSwitch redirectTo={path} />
    </header>
  )
}

export default function App() {
  useFocusOnNewPage()
  // Until the scripts have taken over, a link or button acts as plain HTML (a full page
  // load); browser tests that check client-side behaviour wait for this mark.
  useEffect(() => {
    document.documentElement.dataset.scripted = 'true'
  }, [])
  return (
    <>
      <Header />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <Footer />
    </>
  )
}

export function ErrorBoundary() {
  const error = useRouteError()
  const { t } = useTranslation()
  const notFound = isRouteErrorResponse(error) && error.status === 404
  return (
    <>
      <Header />
      <main id="main" tabIndex={-1} className="page">
        <h1>{notFound ? t('error.notFoundTitle') : t('error.title')}</h1>
        <p>{notFound ? t('error.notFound') : t('error.generic')}</p>
        <p>
          <Link to="/">{t('error.backHome')}</Link>
        </p>
      </main>
      <Footer />
    </>
  )
}
