import { RemixBrowser } from '@remix-run/react'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { readTexts, TextsProvider } from './i18n/texts'

// Texts come once with the document (one language, decision 016); no i18n runtime here.
const texts = readTexts(document)

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <TextsProvider value={texts}>
        <RemixBrowser />
      </TextsProvider>
    </StrictMode>,
  )
})
