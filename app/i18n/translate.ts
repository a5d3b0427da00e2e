import type { Language } from './config'

export type Translations = { [key: string]: string | Translations }
export type Translate = (key: string, options?: Record<string, unknown>) => string

function lookup(translations: Translations, key: string): string | undefined {
  let node: string | Translations | undefined = translations
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined
    node = node[part]
  }
  return typeof node === 'string' ? node : undefined
}

/**
 * Built once per texts and language: every component of a page asks for its `t`, and each
 * `Intl.PluralRules` takes about 8 µs to build (0.2 ms a request in a profile of the week page).
 */
const translates = new WeakMap<Translations, Map<Language, Translate>>()

/**
 * The `t` of pages: i18next's key, plural (`_one`, `_other`) and `{{value}}` conventions
 * over the resources of one language, so the browser needs neither i18next nor the other
 * language (docs/decisions/007-i18n.md). React escapes the result.
 */
export function createTranslate(translations: Translations, language: Language): Translate {
  let ofTexts = translates.get(translations)
  if (!ofTexts) {
    ofTexts = new Map()
    translates.set(translations, ofTexts)
  }
  let translate = ofTexts.get(language)
  if (!translate) {
    translate = translator(translations, new Intl.PluralRules(language))
    ofTexts.set(language, translate)
  }
  return translate
}

function translator(translations: Translations, plurals: Intl.PluralRules): Translate {
  return (key, options = {}) => {
    const count = options.count
    const plural =
      typeof count === 'number'
        ? lookup(translations, `${key}_${plurals.select(count)}`)
        : undefined
    const text = plural ?? lookup(translations, key)
    if (text === undefined) return key
    return text.replace(/{{\s*(\w+)\s*}}/g, (_, name: string) => String(options[name] ?? ''))
  }
}

/** The reader's language and texts, as one document carries them (decision 016). */
export type Texts = {
  language: Language
  translations: Translations
  /** The app runs in demo mode: every page says so (decision 018). */
  demo: boolean
  /** The same, as written into the page (safe inside a script element). */
  json: string
}
