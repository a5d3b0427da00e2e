import { useMatches } from '@remix-run/react'

// The residents' pages are served without React in the browser (decision 096): every one
// works as plain HTML, and the 100 KB of React, React DOM and Remix took seconds on a weak
// connection. What scripts add to them comes back as the few lines below, inline.

/** The handle of a route whose page is served without the React runtime. */
export const withoutHydration = { hydrate: false } as const

/**
 * Whether this page takes the React runtime: unless one of its routes says not. Rendered in
 * the browser, React runs already (a workspace page led here by a client-side step): the
 * page keeps it, its scripts and its texts.
 */
export function useHydration() {
  const matches = useMatches()
  if (typeof document !== 'undefined') return true
  return !matches.some(
    (match) => (match.handle as { hydrate?: boolean } | undefined)?.hydrate === false,
  )
}

const FOCUS_KEY = 'permanence.focus'
// A page takes longer than this to come only when something went wrong; the record is stale.
const FOCUS_RECORD_MS = 120_000

/**
 * Runs in the browser, as the page's last element, in place of React. Serialised with
 * toString(): it may use nothing from outside itself, not even a bundler's helper (the
 * Remix build keeps none in it; light-pages.test.ts runs it in Chromium).
 */
function enhance(focusKey: string, recordMs: number) {
  // Browser tests wait for this mark, as on pages React takes over.
  document.documentElement.dataset.scripted = 'true'

  // Focus after a step (decision 024, by page loads now): a link or form of the site notes
  // the page it leaves and the control used; the next page puts focus on its h1, or, when
  // it is the same page again (another week, a refused form), back on that control or on
  // the answer's error summary, which a page load does not announce by itself.
  let record: { from: string; tag: string; text: string; id: string; at: number } | null = null
  try {
    record = JSON.parse(sessionStorage.getItem(focusKey) ?? 'null')
    sessionStorage.removeItem(focusKey)
  } catch {
    record = null
  }
  if (record && Date.now() - record.at < recordMs) {
    const main = document.querySelector('main')
    const alert = main?.querySelector<HTMLElement>('[role="alert"]')
    const same = record.from === location.pathname
    const control = same
      ? ((record.id ? document.getElementById(record.id) : null) ??
        Array.from(document.querySelectorAll<HTMLElement>(record.tag)).find(
          (element) => element.textContent?.trim() === record!.text,
        ))
      : null
    const target = same ? (alert ?? control) : (main?.querySelector('h1') ?? main)
    if (target) {
      if (target !== control && !target.hasAttribute('tabindex'))
        target.setAttribute('tabindex', '-1')
      target.focus()
    }
  }
  const note = (control: Element | null) => {
    try {
      sessionStorage.setItem(
        focusKey,
        JSON.stringify({
          from: location.pathname,
          tag: control?.tagName.toLowerCase() ?? '',
          text: control?.textContent?.trim() ?? '',
          id: control?.id ?? '',
          at: Date.now(),
        }),
      )
    } catch {
      // Storage refused (private mode): focus starts at the top, as without scripts.
    }
  }
  document.addEventListener('click', (event) => {
    const link = (event.target as Element).closest?.('a[href]') as HTMLAnchorElement | null
    if (!link || event.defaultPrevented || event.button !== 0) return
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    if (link.origin !== location.origin || link.target || link.hasAttribute('download')) return
    // A link within the page (the error summary's to its fields) loads nothing.
    if (link.hash && link.pathname === location.pathname && link.search === location.search) return
    note(link)
  })

  // A form sent once: its buttons are disabled until the answer comes, so that a second
  // press on a slow connection books nothing twice; its button's name goes with the first.
  document.addEventListener('submit', (event) => {
    const form = event.target as HTMLFormElement
    if (form.dataset.sent) {
      event.preventDefault()
      return
    }
    form.dataset.sent = 'true'
    note(event.submitter ?? document.activeElement)
    setTimeout(() => {
      form.querySelectorAll('button').forEach((button) => (button.disabled = true))
    })
  })
  // Back to a page kept in memory: its forms can be sent again.
  window.addEventListener('pageshow', (event) => {
    if (!event.persisted) return
    document.querySelectorAll('form').forEach((form) => {
      delete form.dataset.sent
      form.querySelectorAll('button').forEach((button) => (button.disabled = false))
    })
  })

  // Printing needs a script: the button shows, the sentence saying how to print goes.
  document.querySelectorAll<HTMLButtonElement>('button[data-print]').forEach((button) => {
    button.hidden = false
    button.addEventListener('click', () => window.print())
    button.parentElement?.querySelector('[data-print-fallback]')?.remove()
  })
}

const ENHANCEMENT = `(${enhance.toString()})(${JSON.stringify(FOCUS_KEY)}, ${FOCUS_RECORD_MS})`

/** The script of a page served without hydration, under the page's CSP nonce. */
export function Enhancement({ nonce }: { nonce: string }) {
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: ENHANCEMENT }} />
}
