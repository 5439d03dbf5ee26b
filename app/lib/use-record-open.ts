/**
 * Records one `opened` interaction per view of a detail page (POST /resources/opened). A beacon:
 * it survives navigating away, never blocks the page, and does not make Remix revalidate. The
 * ref keeps React 18's development double-effect and re-renders from sending it twice; a new id
 * (navigating from one item to another) is a new view.
 */
import { useEffect, useRef } from 'react'

export function useRecordOpen(kind: 'ask' | 'content', id: number) {
  const sentFor = useRef<string | null>(null)
  useEffect(() => {
    const key = `${kind}:${id}`
    if (sentFor.current === key) return
    sentFor.current = key
    const body = new URLSearchParams({ kind, id: String(id) })
    if (typeof navigator.sendBeacon === 'function' && navigator.sendBeacon('/resources/opened', body)) return
    // No beacon (or the browser refused to queue it): a keepalive fetch does the same job.
    void fetch('/resources/opened', { method: 'POST', body, keepalive: true, credentials: 'same-origin' }).catch(() => {})
  }, [kind, id])
}
