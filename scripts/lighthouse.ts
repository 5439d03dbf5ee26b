/**
 * `npm run lighthouse`: Lighthouse (mobile defaults: simulated slow 4G, 4× CPU) against the
 * sign-in page and the signed-in home of a production build, with the local Chromium.
 * Each page runs 3 times; the median score per category is printed.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'
import { PROJECT_ROOT } from '../supabase/local/config.ts'
import { startPortal } from './support/portal.ts'

const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3)
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const
const chromePath = process.env.CHROME_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined)

const portal = await startPortal({
  portBase: 26721,
  appPort: 3500,
  stateDir: path.join(PROJECT_ROOT, '.supabase-local/lighthouse'),
  buildDir: path.join(PROJECT_ROOT, 'build-lighthouse'),
  rateLimitMultiplier: 1000,
  serverOutput: 'ignore',
})
const chrome = await chromeLauncher.launch({
  chromePath,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
})

try {
  const cookie = await portal.signedInCookie('Lighthouse Advocate')
  const pages = [
    { name: 'sign-in', url: `${portal.appUrl}/login`, headers: {} as Record<string, string> },
    { name: 'signed-in home', url: `${portal.appUrl}/`, headers: { Cookie: cookie } },
  ]
  const report: Record<string, Record<string, number>> = {}
  for (const page of pages) {
    const runs: Array<Record<string, number>> = []
    for (let i = 0; i < RUNS; i++) {
      const result = await lighthouse(page.url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: [...CATEGORIES],
        extraHeaders: page.headers,
      })
      if (!result) throw new Error(`Lighthouse returned nothing for ${page.url}`)
      const lhr = result.lhr
      if (lhr.finalDisplayedUrl !== page.url) throw new Error(`${page.name} redirected to ${lhr.finalDisplayedUrl}`)
      runs.push({
        ...Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)])),
        lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
        tbtMs: lhr.audits['total-blocking-time']?.numericValue ?? NaN,
        cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN,
      })
    }
    const median = (key: string) => runs.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(runs.length / 2)]
    report[page.name] = Object.fromEntries(Object.keys(runs[0]).map((key) => [key, median(key)]))
  }
  console.log(`\nLighthouse ${RUNS}-run medians (mobile, simulated throttling):`)
  for (const [name, scores] of Object.entries(report)) {
    console.log(
      `  ${name.padEnd(15)} performance ${scores.performance}  accessibility ${scores.accessibility}  best-practices ${scores['best-practices']}  seo ${scores.seo}` +
        `   (LCP ${Math.round(scores.lcpMs)} ms, TBT ${Math.round(scores.tbtMs)} ms, CLS ${scores.cls.toFixed(3)})`,
    )
  }
  console.log('  targets: performance ≥ 95, accessibility 100, best practices 100\n')
  const outDir = path.join(PROJECT_ROOT, 'bench/results')
  mkdirSync(outDir, { recursive: true })
  writeFileSync(path.join(outDir, 'lighthouse.json'), JSON.stringify({ date: new Date().toISOString(), runs: RUNS, report }, null, 2))
} finally {
  await chrome.kill()
  await portal.stop()
}
