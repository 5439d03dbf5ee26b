/**
 * The portal's service worker, bundled by scripts/build-sw.mjs (esbuild + workbox-build
 * injectManifest) into build/client/sw.js. Caching policy, and why (quality-anchors §2.3):
 *
 * - Hashed /assets/* and the offline page are precached; they are immutable, so cache-first is safe.
 * - Navigations are NetworkFirst with navigation preload, so the SW's start-up overlaps the request.
 *   A response is stored only when the server marks it `public` (cache-policy.ts), so signed-in,
 *   `private` HTML never lands in a cache. Runtime caches are purged on sign-out.
 * - Remix data requests, actions and everything else go straight to the network.
 * - Offline navigations with nothing cached get the offline page, with status 200.
 * - A new version waits until the page asks it to take over (the "New version available" prompt).
 */
/// <reference lib="webworker" />
import * as navigationPreload from 'workbox-navigation-preload'
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching'
import { NavigationRoute, registerRoute, setCatchHandler } from 'workbox-routing'
import { NetworkFirst } from 'workbox-strategies'
import { isShareable } from './cache-policy.ts'
import { RUNTIME_CACHE_PREFIX, SW_MESSAGE } from './messages.ts'

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> }

const OFFLINE_URL = '/offline.html'
/** Bump the version when the meaning of a cache changes; activate deletes the old one. */
const PAGES_CACHE = `${RUNTIME_CACHE_PREFIX}pages-v1`
const CURRENT_RUNTIME_CACHES = new Set([PAGES_CACHE])

precacheAndRoute(self.__WB_MANIFEST)
cleanupOutdatedCaches()
navigationPreload.enable()

registerRoute(
  new NavigationRoute(
    new NetworkFirst({
      cacheName: PAGES_CACHE,
      // On a slow connection, fall back to a stored copy after 3 s; with none, keep waiting.
      networkTimeoutSeconds: 3,
      plugins: [{ cacheWillUpdate: async ({ response }) => (isShareable(response) ? response : null) }],
    }),
  ),
)

setCatchHandler(async ({ request }) => {
  if (request.mode === 'navigate') return (await matchPrecache(OFFLINE_URL)) ?? Response.error()
  return Response.error()
})

async function deleteRuntimeCaches(keep: Set<string>) {
  const names = await caches.keys()
  await Promise.all(names.filter((name) => name.startsWith(RUNTIME_CACHE_PREFIX) && !keep.has(name)).map((name) => caches.delete(name)))
}

self.addEventListener('activate', (event) => {
  // Precache versions are cleaned by cleanupOutdatedCaches(); this drops retired runtime caches.
  event.waitUntil(deleteRuntimeCaches(CURRENT_RUNTIME_CACHES))
})

self.addEventListener('message', (event) => {
  const type = (event.data as { type?: unknown } | null)?.type
  if (type === SW_MESSAGE.skipWaiting) {
    // Only on request: the page's update prompt decides when the new version takes over.
    event.waitUntil(self.skipWaiting())
  } else if (type === SW_MESSAGE.purgeUserCaches) {
    // Sign-out: nothing a previous user saw may be served to the next one. The precache is shared, static code.
    event.waitUntil(deleteRuntimeCaches(new Set()).then(() => event.ports[0]?.postMessage({ type, done: true })))
  }
})
