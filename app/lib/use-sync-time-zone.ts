/**
 * Keeps the profile's time zone in step with the browser's (ADR 013). When the zone the browser
 * runs in differs from the stored one, it is POSTed once to /resources/time-zone; the fetcher's
 * revalidation then re-renders every date in the new zone. This device remembers the zone it last
 * sent, so a zone chosen on the profile page is not undone on the next visit, only when the
 * browser's own zone changes (the advocate travels or moves).
 */
import { useFetcher } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { browserTimeZone } from './dates.ts'

const SENT_KEY = 'portal:time-zone-sent'

function lastSent(): string | null {
  try {
    return window.localStorage.getItem(SENT_KEY)
  } catch {
    return null
  }
}

function rememberSent(zone: string) {
  try {
    window.localStorage.setItem(SENT_KEY, zone)
  } catch {
    // Storage refused (private mode, quota): at worst the zone is sent again next visit.
  }
}

export function useSyncTimeZone(stored: string) {
  const fetcher = useFetcher()
  const sent = useRef(false)
  useEffect(() => {
    if (sent.current) return
    const detected = browserTimeZone()
    if (!detected || detected === stored || detected === lastSent()) return
    sent.current = true
    rememberSent(detected)
    fetcher.submit({ timeZone: detected }, { method: 'post', action: '/resources/time-zone' })
  }, [stored, fetcher])
}
