import { useEffect, useRef } from 'react'
import { useLocation } from '@remix-run/react'

/**
 * After a client-side navigation to another page, focus goes to the new page's h1 (or
 * its main), as a page load would start there: a screen reader then reads the new step
 * instead of nothing, and the keyboard goes on from the top of the content. The first
 * render, a change of the query only (another week) and a form answered on the same
 * page (its error summary speaks for itself) leave focus where it is (decision 024).
 */
export function useFocusOnNewPage() {
  const { pathname } = useLocation()
  const shown = useRef(pathname)
  useEffect(() => {
    if (shown.current === pathname) return
    shown.current = pathname
    const target =
      document.querySelector<HTMLElement>('main h1') ?? document.querySelector<HTMLElement>('main')
    if (!target) return
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1')
    target.focus()
  }, [pathname])
}
