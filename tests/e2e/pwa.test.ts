/**
 * Installability and offline behaviour against the production build: the manifest and its icons,
 * caching headers, the service worker's lifecycle, the offline page, what is (not) cached for a
 * signed-in person, and the "new version" prompt.
 */
import { randomUUID } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Page } from '@playwright/test'
import { E2E } from './support/e2e-env.ts'
import { createUser, expect, expectNoAxeViolations, signIn, test } from './support/fixtures.ts'

interface ManifestIcon {
  src: string
  sizes: string
  type: string
  purpose?: string
}

/** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
function pngSize(bytes: Buffer) {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature) || bytes.toString('ascii', 12, 16) !== 'IHDR') return null
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

/** Waits for the worker to activate, then reloads: a page is controlled only from its next load. */
async function loadControlled(page: Page, url: string) {
  await page.goto(url)
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
  await page.reload()
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null)).toMatch(/\/sw\.js$/)
}

test('the manifest has what install needs, and every icon and screenshot is a PNG of its stated size', async ({ request }) => {
  const html = await (await request.get('/login')).text()
  expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest"/>')
  expect(html).toContain('<link rel="apple-touch-icon" href="/icons/apple-touch-icon.png"/>')

  const response = await request.get('/manifest.webmanifest')
  expect(response.status()).toBe(200)
  expect(response.headers()['content-type']).toMatch(/^application\/manifest\+json/)
  const manifest = (await response.json()) as Record<string, unknown> & {
    icons: ManifestIcon[]
    screenshots: Array<ManifestIcon & { form_factor: string }>
  }
  expect(manifest).toMatchObject({
    id: '/',
    name: 'Advocate portal',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    theme_color: '#1f5f8b',
    background_color: '#f7f7f5',
  })
  expect(String(manifest.short_name).length).toBeLessThanOrEqual(12)
  expect(String(manifest.description).length).toBeGreaterThan(20)
  expect(manifest.prefer_related_applications).toBeUndefined()

  const icons = [...manifest.icons, { src: '/icons/apple-touch-icon.png', sizes: '180x180', type: 'image/png', purpose: 'apple' }]
  for (const purpose of ['any', 'maskable']) {
    expect(icons.filter((icon) => icon.purpose === purpose).map((icon) => icon.sizes)).toEqual(['192x192', '512x512'])
  }
  expect(manifest.screenshots.map((shot) => shot.form_factor).sort()).toEqual(['narrow', 'wide'])
  for (const icon of [...icons, ...manifest.screenshots]) {
    const iconResponse = await request.get(icon.src)
    expect(iconResponse.status(), icon.src).toBe(200)
    expect(iconResponse.headers()['content-type']).toBe('image/png')
    const [width, height] = icon.sizes.split('x').map(Number)
    expect(pngSize(await iconResponse.body()), icon.src).toEqual({ width, height })
  }
})

test('sw.js and the manifest are revalidated on every load; hashed assets are immutable', async ({ request }) => {
  for (const url of ['/sw.js', '/manifest.webmanifest', '/offline.html']) {
    const response = await request.get(url)
    expect(response.status(), url).toBe(200)
    expect(response.headers()['cache-control'], url).toBe('no-cache')
  }
  expect((await request.get('/sw.js')).headers()['content-type']).toMatch(/javascript/)

  const html = await (await request.get('/login')).text()
  const asset = /\/assets\/[\w.-]+\.js/.exec(html)?.[0]
  expect(asset).toBeDefined()
  const cacheControl = (await request.get(asset!)).headers()['cache-control']
  expect(cacheControl).toContain('immutable')
  expect(cacheControl).toContain('max-age=31536000')
})

test('the service worker activates, precaches the app and the offline page, and controls the page after a reload', async ({ page }) => {
  await loadControlled(page, '/login')
  const precached = await page.evaluate(async () => {
    const name = (await caches.keys()).find((key) => key.startsWith('workbox-precache-v2-'))
    if (!name) return null
    return (await (await caches.open(name)).keys()).map((request) => new URL(request.url).pathname)
  })
  expect(precached).not.toBeNull()
  expect(precached).toContain('/offline.html')
  const stylesheet = await page.locator('link[rel="stylesheet"]').first().getAttribute('href')
  expect(precached).toContain(stylesheet)
  expect(precached!.filter((path) => path.startsWith('/assets/') && path.endsWith('.js')).length).toBeGreaterThan(3)
  // Chromium's own installability check, the one behind the install prompt.
  const cdp = await page.context().newCDPSession(page)
  const { errors: manifestErrors } = await cdp.send('Page.getAppManifest')
  expect(manifestErrors).toEqual([])
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors')
  // Playwright's contexts are incognito-like, which is never installable; nothing else may be wrong.
  expect(installabilityErrors.filter((error) => error.errorId !== 'in-incognito')).toEqual([])
  // Navigation preload overlaps the worker's start-up with the page request.
  expect(await page.evaluate(async () => (await (await navigator.serviceWorker.ready).navigationPreload.getState()).enabled)).toBe(true)
})

test('offline, an address never visited gets the offline page with status 200, styled and accessible', async ({ page, context }) => {
  await loadControlled(page, '/login')
  await context.setOffline(true)
  const response = await page.goto(`/somewhere-new-${randomUUID()}?tab=2`)
  expect(response?.status()).toBe(200)
  await expect(page).toHaveTitle('You’re offline · Advocate portal')
  await expect(page.getByRole('heading', { level: 1, name: 'You’re offline' })).toBeVisible()
  const retry = page.getByRole('link', { name: 'Try again' })
  await expect(retry).toBeVisible()
  // The app's stylesheet came from the precache: the button wears the accent colour at full size.
  await expect(retry).toHaveCSS('background-color', 'rgb(31, 95, 139)')
  const box = await retry.boundingBox()
  expect(box!.height).toBeGreaterThanOrEqual(44)
  await expectNoAxeViolations(page)

  // Try again reloads the same address, query included; back online, that is the real page.
  const offlineUrl = page.url()
  await retry.click()
  await expect(page.getByRole('heading', { name: 'You’re offline' })).toBeVisible()
  expect(page.url()).toBe(offlineUrl)
  await context.setOffline(false)
  await retry.click()
  await expect(page).toHaveURL(/\/login\?redirectTo=/)
})

test('signed-in pages are never cached, so offline they show the offline page; sign-out purge empties runtime caches', async ({
  page,
  context,
}) => {
  const user = await createUser({ surveyDone: 'educator' })
  await signIn(page, user)
  await loadControlled(page, '/')
  await expect(page.getByRole('heading', { name: /Welcome back/ })).toBeVisible()

  const storedPages = () =>
    page.evaluate(async () => {
      const names = (await caches.keys()).filter((name) => !name.startsWith('workbox-precache-'))
      const entries = await Promise.all(names.map(async (name) => (await (await caches.open(name)).keys()).map((r) => r.url)))
      return entries.flat()
    })
  expect(await storedPages()).toEqual([])

  await context.setOffline(true)
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'You’re offline' })).toBeVisible()
  await expect(page.getByText(user.displayName)).toHaveCount(0)
  await context.setOffline(false)

  // What the app's purgeUserCaches() sends on sign-out: every runtime cache goes, the precache stays.
  await page.goto('/')
  await page.evaluate(async () => (await caches.open('runtime-pages-v1')).put('/pretend-feed', new Response('someone’s feed')))
  expect(await storedPages()).toEqual([expect.stringContaining('/pretend-feed')])
  const reply = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const channel = new MessageChannel()
        channel.port1.onmessage = (event) => resolve(event.data)
        navigator.serviceWorker.controller!.postMessage({ type: 'PURGE_USER_CACHES' }, [channel.port2])
      }),
  )
  expect(reply).toEqual({ type: 'PURGE_USER_CACHES', done: true })
  expect(await storedPages()).toEqual([])
  expect((await page.evaluate(() => caches.keys())).some((name) => name.startsWith('workbox-precache-v2-'))).toBe(true)
})

/**
 * The app behind a private origin whose sw.js can be changed, as a deploy changes it. Its own
 * origin means its own registration: flipping the version cannot touch any other test's worker.
 */
async function startDeployableProxy() {
  let swSuffix = ''
  const server = http.createServer((req, res) => {
    void (async () => {
      if (req.url === '/sw.js' && swSuffix) {
        const original = await (await fetch(`${E2E.appUrl}/sw.js`)).text()
        res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' })
        res.end(`${original}\n${swSuffix}\n`)
        return
      }
      const upstream = http.request(`${E2E.appUrl}${req.url}`, { method: req.method, headers: req.headers }, (response) => {
        res.writeHead(response.statusCode ?? 502, response.headers)
        response.pipe(res)
      })
      upstream.on('error', () => res.destroy())
      req.pipe(upstream)
    })()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    deploy: (suffix: string) => void (swSuffix = suffix),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

test('a new version waits for the person: the prompt appears, and Reload activates it', async ({ page }) => {
  const proxy = await startDeployableProxy()
  try {
    await loadControlled(page, `${proxy.url}/login`)
    await expect(page.getByRole('button', { name: 'Reload' })).toHaveCount(0)

    const version = randomUUID()
    proxy.deploy(`self.addEventListener('message', (e) => { if (e.data?.type === 'E2E_VERSION') e.ports[0].postMessage('${version}') })`)
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.ready).update()
    })

    const prompt = page.getByRole('status').filter({ hasText: 'A new version of the portal is available.' })
    await expect(prompt).toBeVisible()
    // "Later" keeps the old version for now; the waiting one is offered again on the next load.
    await prompt.getByRole('button', { name: 'Later' }).click()
    await expect(prompt).toHaveCount(0)
    await page.reload()
    await expect(prompt).toBeVisible()
    const reload = prompt.getByRole('button', { name: 'Reload' })
    expect((await reload.boundingBox())!.height).toBeGreaterThanOrEqual(44)
    await expectNoAxeViolations(page)
    // Keyboard reachable: Tab gets there from the top of the page, and Enter applies the update.
    await page.locator('body').focus()
    for (let presses = 0; presses < 40 && !(await reload.evaluate((button) => button === document.activeElement)); presses++) {
      await page.keyboard.press('Tab')
    }
    await expect(reload).toBeFocused()
    await page.evaluate(() => ((window as unknown as { beforeUpdate: boolean }).beforeUpdate = true))
    await Promise.all([page.waitForEvent('load'), reload.press('Enter')])

    expect(await page.evaluate(() => (window as unknown as { beforeUpdate?: boolean }).beforeUpdate)).toBeUndefined()
    const controllerVersion = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const channel = new MessageChannel()
          channel.port1.onmessage = (event) => resolve(event.data)
          navigator.serviceWorker.controller!.postMessage({ type: 'E2E_VERSION' }, [channel.port2])
        }),
    )
    expect(controllerVersion).toBe(version)
    await expect(page.getByRole('button', { name: 'Reload' })).toHaveCount(0)
  } finally {
    await proxy.close()
  }
})
