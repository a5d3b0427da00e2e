import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
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
  useRouteLoaderData,
} from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { LanguageSwitch } from './components/language-switch'
import { useNonce } from './components/nonce'
import { DEFAULT_LANGUAGE } from './i18n/config'
import { resources } from './i18n/resources.server'
import type { Translations } from './i18n/translate'
import { TranslationProvider } from './i18n/use-translation'
import { languageOf } from './i18n/i18n.server'
import styles from './styles/app.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

// Texts of the advisor workspace and the dev pages, left out of public pages to keep them light.
const STAFF_SECTIONS = ['workspace', 'devOutbox']
const STAFF_PATHS = /^\/(espace|dev)(\/|$)/

export async function loader({ request }: LoaderFunctionArgs) {
  const language = await languageOf(request)
  const all = resources[language].translation as Record<string, unknown>
  // Only the reader's language travels to the browser, and only the sections the page needs
  // (decision 007); the workspace is entered with a full page load.
  const staff = STAFF_PATHS.test(new URL(request.url).pathname)
  const translations = staff
    ? all
    : Object.fromEntries(
        Object.entries(all).filter(([section]) => !STAFF_SECTIONS.includes(section)),
      )
  return { language, translations: translations as Translations }
}

export const handle = { i18n: 'translation' }

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root')
  const language = data?.language ?? DEFAULT_LANGUAGE
  const nonce = useNonce()
  const translations = data?.translations ?? {}
  return (
    <html lang={language} dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <TranslationProvider language={language} translations={translations}>
          {children}
        </TranslationProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
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
  return (
    <>
      <Header />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  )
}

export function ErrorBoundary() {
  const error = useRouteError()
  const { t } = useTranslation()
  const notFound = isRouteErrorResponse(error) && error.status === 404
  // Details only in development: production pages never show a stack trace.
  const details =
    process.env.NODE_ENV === 'development' && error instanceof Error ? error.stack : undefined
  return (
    <main id="main" className="page">
      <h1>{notFound ? t('error.notFoundTitle') : t('error.title')}</h1>
      <p>{notFound ? t('error.notFound') : t('error.generic')}</p>
      {details ? <pre className="error-details">{details}</pre> : null}
      <p>
        <Link to="/">{t('error.backHome')}</Link>
      </p>
    </main>
  )
}
