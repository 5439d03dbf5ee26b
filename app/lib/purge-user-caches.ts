/**
 * Call on sign-out: asks the service worker to delete every runtime cache, so nothing one person
 * saw can be served to the next person on this device. Resolves when done, or after 1 s (or at
 * once without a controlling worker); never rejects, so it cannot block signing out.
 */
import { SW_MESSAGE } from '../sw/messages.ts'

export function purgeUserCaches(timeoutMs = 1_000): Promise<void> {
  const controller = typeof navigator !== 'undefined' ? navigator.serviceWorker?.controller : null
  if (!controller) return Promise.resolve()
  return new Promise((resolve) => {
    const channel = new MessageChannel()
    const timer = setTimeout(resolve, timeoutMs)
    channel.port1.onmessage = () => {
      clearTimeout(timer)
      resolve()
    }
    controller.postMessage({ type: SW_MESSAGE.purgeUserCaches }, [channel.port2])
  })
}
