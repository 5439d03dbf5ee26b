/**
 * `npx tsx scripts/make-screenshots.ts [baseUrl]`: the manifest's install-dialog screenshots of
 * the signed-in home, as the seeded demo advocate (supabase/seed.sql), against a running portal
 * (`npm start`, default http://127.0.0.1:3000). Re-run when the home changes noticeably and
 * commit public/screenshots/*.png. Sizes keep Chrome's rules: each side 320–3840 px, the long
 * side at most 2.3× the short one.
 */
import { existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { chromium } from '@playwright/test'

const baseUrl = process.argv[2] ?? 'http://127.0.0.1:3000'
const demo = { email: 'ava@example.com', password: 'password123' }
const outDir = path.resolve(import.meta.dirname, '../public/screenshots')

const shots = [
  { file: 'home-narrow.png', viewport: { width: 412, height: 892 }, deviceScaleFactor: 2, isMobile: true },
  { file: 'home-wide.png', viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, isMobile: false },
]

const executablePath = process.env.CHROME_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined)
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] })
try {
  mkdirSync(outDir, { recursive: true })
  for (const { file, ...options } of shots) {
    // No service worker: the "new version" prompt must never end up in a screenshot.
    const context = await browser.newContext({ ...options, hasTouch: options.isMobile, serviceWorkers: 'block', colorScheme: 'light' })
    const page = await context.newPage()
    await page.goto(`${baseUrl}/login?mode=password`)
    await page.getByLabel('E-mail').fill(demo.email)
    await page.getByLabel('Password').fill(demo.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(`${baseUrl}/`)
    await page.getByRole('heading', { level: 1 }).waitFor()
    await page.screenshot({ path: path.join(outDir, file) })
    const { width, height } = options.viewport
    console.log(`public/screenshots/${file} (${width * options.deviceScaleFactor}×${height * options.deviceScaleFactor})`)
    await context.close()
  }
} finally {
  await browser.close()
}
