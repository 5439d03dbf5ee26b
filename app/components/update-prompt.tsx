/**
 * Registers the service worker after hydration and offers a new version when one is waiting.
 * The new worker only takes over when the person chooses Reload, so a half-filled form is never
 * swapped out from under them. The region is always mounted so screen readers announce the offer.
 */
import { useEffect, useRef, useState } from 'react'
import type { ServiceWorkerHandle } from '~/lib/pwa.client.ts'
import { Button } from './ui/button.tsx'

export function UpdatePrompt() {
  const [state, setState] = useState<'idle' | 'waiting' | 'dismissed' | 'reloading'>('idle')
  const serviceWorker = useRef<ServiceWorkerHandle | null>(null)

  useEffect(() => {
    // Vite's dev server has no /sw.js, and a worker there would fight hot reloading.
    if (!import.meta.env.PROD) return
    let cancelled = false
    void import('~/lib/pwa.client.ts').then(({ registerServiceWorker }) => {
      if (cancelled) return
      serviceWorker.current = registerServiceWorker({ onUpdateWaiting: () => setState((s) => (s === 'idle' ? 'waiting' : s)) })
    })
    return () => {
      cancelled = true
      serviceWorker.current?.stop()
      serviceWorker.current = null
    }
  }, [])

  const visible = state === 'waiting' || state === 'reloading'
  return (
    <div
      role="status"
      className="pointer-events-none fixed inset-x-0 bottom-[calc(4.5rem+env(safe-area-inset-bottom))] z-20 flex justify-center px-4 lg:bottom-6"
    >
      {visible ? (
        <div className="pointer-events-auto flex w-full max-w-md flex-wrap items-center gap-2 rounded-[var(--radius-card)] border border-line bg-raised p-3 shadow-lg">
          <p className="basis-full px-1 font-medium sm:basis-0 sm:flex-1">A new version of the portal is available.</p>
          <div className="ml-auto flex gap-2">
            <Button variant="ghost" onClick={() => setState('dismissed')} disabled={state === 'reloading'}>
              Later
            </Button>
            <Button
              pending={state === 'reloading'}
              pendingLabel="Reloading…"
              onClick={() => {
                setState('reloading')
                void serviceWorker.current?.applyUpdate()
              }}
            >
              Reload
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  )
}
