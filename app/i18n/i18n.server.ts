import { createCookie } from '@remix-run/node'
import { RemixI18Next } from 'remix-i18next/server'
import { config } from '~/platform/config/config.server'
import { DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, isLanguage, type Language } from './config'
import { i18nOptions, resources } from './resources.server'
import { createTranslate } from './translate'

export const languageCookie = createCookie('lng', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  secure: config().production,
  maxAge: 60 * 60 * 24 * 365,
})

const remixI18n = new RemixI18Next({
  detection: {
    supportedLanguages: [...SUPPORTED_LANGUAGES],
    fallbackLanguage: DEFAULT_LANGUAGE,
    cookie: languageCookie,
  },
  i18next: i18nOptions,
})

/** The request's language: ?lng=, then the cookie, then Accept-Language, then French. */
export async function languageOf(request: Request): Promise<Language> {
  const detected = await remixI18n.getLocale(request)
  return isLanguage(detected) ? detected : DEFAULT_LANGUAGE
}

/** The `t` of the request's language, for loaders and actions (page titles, messages). */
export async function fixedT(request: Request) {
  const language = await languageOf(request)
  // The same reader as components use: no i18next instance to build per request.
  return createTranslate(resources[language].translation, language)
}
