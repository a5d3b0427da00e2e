import { createCookie } from '@remix-run/node'
import { createInstance } from 'i18next'
import { initReactI18next } from 'react-i18next'
import { RemixI18Next } from 'remix-i18next/server'
import { isProduction } from '~/server/runtime.server'
import {
  DEFAULT_LANGUAGE,
  SUPPORTED_LANGUAGES,
  i18nOptions,
  isLanguage,
  type Language,
} from './config'

export const languageCookie = createCookie('lng', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  secure: isProduction(),
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

export async function fixedT(request: Request) {
  return remixI18n.getFixedT(await languageOf(request))
}

export async function createI18nInstance(language: Language) {
  const instance = createInstance()
  await instance.use(initReactI18next).init({ ...i18nOptions, lng: language })
  return instance
}
