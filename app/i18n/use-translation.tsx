import { createContext, useContext, useMemo, type ReactNode } from 'react'
import { DEFAULT_LANGUAGE, type Language } from './config'
import { createTranslate, type Translate, type Translations } from './translate'

const TranslationContext = createContext<{ t: Translate; language: Language }>({
  t: (key) => key,
  language: DEFAULT_LANGUAGE,
})

/** Gives every component below the reader's language and its texts. */
export function TranslationProvider({
  language,
  translations,
  children,
}: {
  language: Language
  translations: Translations
  children: ReactNode
}) {
  const value = useMemo(
    () => ({ t: createTranslate(translations, language), language }),
    [translations, language],
  )
  return <TranslationContext.Provider value={value}>{children}</TranslationContext.Provider>
}

/** `const { t } = useTranslation()`, as with react-i18next. */
export function useTranslation() {
  return useContext(TranslationContext)
}
