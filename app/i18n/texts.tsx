import { createContext, useContext } from 'react'
import { DEFAULT_LANGUAGE, isLanguage } from './config'
import type { Texts, Translations } from './translate'

// The reader's language and its texts travel once per document, as a JSON data block the
// server writes from a string it builds once per language (decision 016), not as loader
// data, which Remix would encode again for every request and every navigation.

export const TEXTS_ELEMENT_ID = 'texts'

const FALLBACK: Texts = { language: DEFAULT_LANGUAGE, translations: {}, demo: false, json: '{}' }
const TextsContext = createContext<Texts>(FALLBACK)
export const TextsProvider = TextsContext.Provider

export function useTexts(): Texts {
  return useContext(TextsContext)
}

/** In the browser: the texts the server wrote into the page. */
export function readTexts(document: Document): Texts {
  const json = document.getElementById(TEXTS_ELEMENT_ID)?.textContent ?? ''
  if (!json) return FALLBACK
  const parsed = JSON.parse(json) as { language: string; translations: Translations; demo: boolean }
  const language = isLanguage(parsed.language) ? parsed.language : DEFAULT_LANGUAGE
  return { language, translations: parsed.translations, demo: parsed.demo === true, json }
}

/** The data block itself: `type="application/json"` is never run, so it needs no nonce. */
export function TextsScript() {
  const { json } = useTexts()
  return (
    <script
      id={TEXTS_ELEMENT_ID}
      type="application/json"
      // JSON built by the server with `<` escaped: it cannot close the element.
      dangerouslySetInnerHTML={{ __html: json }}
    />
  )
}
