import { afterEach, expect, test, vi } from 'vitest'
import { SW_MESSAGE } from '../sw/messages.ts'
import { purgeUserCaches } from './purge-user-caches.ts'

const setController = (controller: { postMessage: (message: unknown, transfer: MessagePort[]) => void } | null) =>
  vi.stubGlobal('navigator', { serviceWorker: { controller } })

afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

test('without a controlling service worker there is nothing to purge', async () => {
  setController(null)
  await expect(purgeUserCaches()).resolves.toBeUndefined()
})

test('asks the worker to purge and resolves when it answers', async () => {
  const postMessage = vi.fn((_message: unknown, [port]: MessagePort[]) => {
    port.postMessage({ done: true })
    port.close()
  })
  setController({ postMessage })
  await purgeUserCaches()
  expect(postMessage).toHaveBeenCalledWith({ type: SW_MESSAGE.purgeUserCaches }, [expect.any(MessagePort)])
})

test('a worker that never answers cannot block signing out', async () => {
  vi.useFakeTimers()
  setController({ postMessage: () => {} })
  const purged = purgeUserCaches(500)
  await vi.advanceTimersByTimeAsync(500)
  await expect(purged).resolves.toBeUndefined()
})
