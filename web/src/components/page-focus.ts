import { useRouterState } from '@tanstack/react-router'
import { type RefObject, useEffect, useRef } from 'react'

/** How long a page may take to show its heading (its data loading) before the focus stays on main. */
const headingWaitMs = 5000

/** The page's own heading: the first h1 or h2 inside main (the app name in the header is not in main). */
function pageHeading(main: HTMLElement): HTMLElement | null {
  return main.querySelector<HTMLElement>('h1, h2')
}

function titleOf(heading: HTMLElement | null, appName: string): string {
  const text = heading?.textContent?.replace(/\s+/g, ' ').trim()
  return text ? `${text} – ${appName}` : appName
}

/**
 * Whether the new page left the focus where nobody wanted it: on the body (the followed link went
 * with the old page), on main, or outside main (a navigation link). A field the page focused
 * itself (autoFocus, a notice that takes the focus) keeps it.
 */
function focusIsLost(main: HTMLElement): boolean {
  const active = document.activeElement
  return !active || active === document.body || active === main || !main.contains(active)
}

/**
 * Focus management for page changes inside the app (decision 0039): the browser does not move
 * the focus when the router swaps the page, so a keyboard or screen-reader user would stay on the
 * link they followed, in the old context. After each change of path the focus moves to main at
 * once (the next Tab continues in the new page), and on to the page's heading when it shows
 * (a screen reader reads it out, which announces the page); the document title follows the heading.
 * Changes of the search part only (filters, the open tab of a case) keep the focus where it is.
 * The first page of a visit is left alone: there the browser starts at the top, with the skip link.
 */
export function usePageFocus(mainRef: RefObject<HTMLElement | null>, appName: string): void {
  const pathname = useRouterState({ select: (state) => state.resolvedLocation?.pathname })
  const previous = useRef<string | undefined>(undefined)

  useEffect(() => {
    const main = mainRef.current
    if (!main || pathname === undefined) return
    const first = previous.current === undefined
    const changed = previous.current !== pathname
    previous.current = pathname
    if (!changed) return

    let placed = false
    const place = (heading: HTMLElement) => {
      placed = true
      document.title = titleOf(heading, appName)
      if (first) return
      // Only if the focus is still where this hook put it: the user may have moved on meanwhile.
      if (document.activeElement !== main && !focusIsLost(main)) return
      if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1
      heading.focus({ preventScroll: true })
    }

    if (!first && focusIsLost(main)) main.focus({ preventScroll: true })
    const now = pageHeading(main)
    if (now) {
      place(now)
      return
    }
    document.title = appName
    const observer = new MutationObserver(() => {
      const heading = pageHeading(main)
      if (heading && !placed) {
        observer.disconnect()
        place(heading)
      }
    })
    observer.observe(main, { childList: true, subtree: true })
    const timer = window.setTimeout(() => observer.disconnect(), headingWaitMs)
    return () => {
      observer.disconnect()
      window.clearTimeout(timer)
    }
  }, [pathname, mainRef, appName])
}
