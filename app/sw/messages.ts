/**
 * The messages pages post to the service worker. Shared by app/sw/service-worker.ts and the
 * page-side helpers, so the two cannot drift. `SKIP_WAITING` is also what workbox-window's
 * `messageSkipWaiting()` sends.
 */
export const SW_MESSAGE = {
  skipWaiting: 'SKIP_WAITING',
  purgeUserCaches: 'PURGE_USER_CACHES',
} as const

/** Runtime caches (everything but the precache) are named with this prefix; purges and clean-ups use it. */
export const RUNTIME_CACHE_PREFIX = 'runtime-'
