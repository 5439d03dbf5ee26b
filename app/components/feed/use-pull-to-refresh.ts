import { useEffect, useRef, useState } from 'react'

/** How far (px) a finger must pull down from the top of the page to refresh. */
const PULL_THRESHOLD = 72

/**
 * Pull down at the top of the page to refresh, as phone apps do. Touch only: mouse and keyboard
 * users have the Refresh button. Returns how far the pull has gone (0 when idle) for the indicator.
 */
export function usePullToRefresh(onRefresh: () => void): { pull: number; armed: boolean } {
  const [pull, setPull] = useState(0)
  const start = useRef<number | null>(null)
  const refresh = useRef(onRefresh)
  refresh.current = onRefresh

  useEffect(() => {
    let distance = 0
    const onStart = (event: TouchEvent) => {
      start.current = window.scrollY <= 0 && event.touches.length === 1 ? event.touches[0].clientY : null
      distance = 0
    }
    const onMove = (event: TouchEvent) => {
      if (start.current === null) return
      distance = Math.max(0, event.touches[0].clientY - start.current)
      setPull(Math.min(distance, PULL_THRESHOLD * 1.5))
    }
    const onEnd = () => {
      if (start.current !== null && distance >= PULL_THRESHOLD) refresh.current()
      start.current = null
      distance = 0
      setPull(0)
    }
    window.addEventListener('touchstart', onStart, { passive: true })
    window.addEventListener('touchmove', onMove, { passive: true })
    window.addEventListener('touchend', onEnd)
    window.addEventListener('touchcancel', onEnd)
    return () => {
      window.removeEventListener('touchstart', onStart)
      window.removeEventListener('touchmove', onMove)
      window.removeEventListener('touchend', onEnd)
      window.removeEventListener('touchcancel', onEnd)
    }
  }, [])

  return { pull, armed: pull >= PULL_THRESHOLD }
}
