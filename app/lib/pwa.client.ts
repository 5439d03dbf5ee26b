/**
 * Service-worker registration with workbox-window. Imported lazily from <UpdatePrompt> after
 * hydration, so neither this module nor workbox-window is part of any route's first-load JS.
 */
import { Workbox } from 'workbox-window'

const SW_URL = '/sw.js'
/** A tab left open for days still learns about new versions; browsers only check on navigation. */
const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000

export interface ServiceWorkerHandle {
  /** Lets the waiting version take over, then reloads this tab once it controls the page. */
  applyUpdate(): Promise<void>
  stop(): void
}

export function registerServiceWorker({ onUpdateWaiting }: { onUpdateWaiting: () => void }): ServiceWorkerHandle | null {
  if (!('serviceWorker' in navigator)) return null
  const wb = new Workbox(SW_URL)
  // Fires for an update found now or one already waiting from an earlier visit, never on first install.
  wb.addEventListener('waiting', onUpdateWaiting)
  void wb.register().catch((error: unknown) => console.warn('Service worker registration failed', error))

  let lastCheck = Date.now()
  const checkForUpdate = () => {
    if (document.visibilityState !== 'visible' || Date.now() - lastCheck < UPDATE_CHECK_INTERVAL_MS) return
    lastCheck = Date.now()
    void wb.update().catch(() => {})
  }
  document.addEventListener('visibilitychange', checkForUpdate)
  const interval = window.setInterval(checkForUpdate, UPDATE_CHECK_INTERVAL_MS)

  return {
    async applyUpdate() {
      const registration = await navigator.serviceWorker.getRegistration()
      // Another tab may already have activated it; this tab then only needs the reload.
      if (!registration?.waiting) return window.location.reload()
      wb.addEventListener('controlling', () => window.location.reload())
      wb.messageSkipWaiting()
    },
    stop() {
      wb.removeEventListener('waiting', onUpdateWaiting)
      document.removeEventListener('visibilitychange', checkForUpdate)
      window.clearInterval(interval)
    },
  }
}
