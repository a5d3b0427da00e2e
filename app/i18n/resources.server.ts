import { DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES } from './config'
import en from './en'
import fr from './fr'

export const resources = { fr: { translation: fr }, en: { translation: en } }

export const i18nOptions = {
  supportedLngs: [...SUPPORTED_LANGUAGES],
  fallbackLng: DEFAULT_LANGUAGE,
  defaultNS: 'translation',
  // React escapes values itself.
  interpolation: { escapeValue: false },
  resources,
}
