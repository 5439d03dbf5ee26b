/**
 * `npx tsx scripts/make-icons.ts`: renders the PNG app icons from the brand mark in
 * public/favicon.svg with Chromium, so the icons never drift from the favicon. Re-run it after
 * changing the mark and commit public/icons/*.png.
 *
 * - "any" icons keep the favicon's rounded square with transparent corners.
 * - Maskable icons and the Apple touch icon are full-bleed squares: the platform applies its own
 *   mask, and iOS fills transparency with black. The star reaches 28 % of the width from the
 *   centre, inside the 40 % safe-zone circle (https://web.dev/articles/maskable-icon).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { chromium } from '@playwright/test'

const root = path.resolve(import.meta.dirname, '..')
const outDir = path.join(root, 'public/icons')
const favicon = readFileSync(path.join(root, 'public/favicon.svg'), 'utf8')

const background = /<rect[^>]*fill="(#[0-9a-f]{6})"/i.exec(favicon)?.[1]
const star = /<path[^>]*\/>/.exec(favicon)?.[0]
if (!background || !star) throw new Error('public/favicon.svg no longer has the expected <rect fill> and <path>')
const fullBleed = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="${background}"/>${star}</svg>`

const icons = [
  { file: 'icon-192.png', size: 192, svg: favicon },
  { file: 'icon-512.png', size: 512, svg: favicon },
  { file: 'maskable-192.png', size: 192, svg: fullBleed },
  { file: 'maskable-512.png', size: 512, svg: fullBleed },
  { file: 'apple-touch-icon.png', size: 180, svg: fullBleed },
]

const executablePath = process.env.CHROME_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined)
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] })
try {
  mkdirSync(outDir, { recursive: true })
  for (const icon of icons) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size }, deviceScaleFactor: 1 })
    const svg = icon.svg.replace('<svg ', `<svg width="${icon.size}" height="${icon.size}" `)
    await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${svg}`)
    await page.screenshot({ path: path.join(outDir, icon.file), omitBackground: true })
    await page.close()
    console.log(`public/icons/${icon.file} (${icon.size}×${icon.size})`)
  }
} finally {
  await browser.close()
}
