/**
 * `npm run lighthouse`: Lighthouse (mobile defaults: simulated slow 4G, 4× CPU) against every page
 * an advocate uses, on a production build with the local Chromium: sign-in, the home, the feed, an
 * ask, a completion form, My activity, the profile and a survey step. The advocates are arranged
 * as real data (scripts/support/bench-advocates.ts): one who has finished the survey, may be asked
 * and has accepted an ask, and a fresh one who is still on the welcome survey. Each page runs 3
 * times (LIGHTHOUSE_RUNS); the median per category is printed against the targets (performance
 * ≥ 98, the others 100), and a miss fails the run.
 * `--smoke` (bench/mode.ts): every page is fetched once and must render (200, not a redirect), and
 * Lighthouse runs once, on the home; no target is asserted.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'
import { PROJECT_ROOT } from '../supabase/local/config.ts'
import { BENCH_BUILD_DIR, PORTS, PREBUILT, SMOKE, verdict } from '../bench/mode.ts'
import { acceptAsk, findAsk } from './support/bench-advocates.ts'
import { startPortal } from './support/portal.ts'

const RUNS = SMOKE ? 1 : Number(process.env.LIGHTHOUSE_RUNS ?? 3)
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const
const TARGETS: Record<(typeof CATEGORIES)[number], number> = { performance: 98, accessibility: 100, 'best-practices': 100, seo: 100 }
/** Two asks of the project's seed: one to read, one accepted so its completion form shows. */
const ASK_TO_READ = 'Rate us on G2'
const ASK_TO_COMPLETE = 'Share a one-line testimonial'
const chromePath = process.env.CHROME_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined)

interface AuditedPage {
  name: string
  path: string
  cookie?: string
  /** Text the rendered page must contain, so a stand-in (an error page, another page) is not audited. */
  expect: string
}

const portal = await startPortal({
  portBase: PORTS.lighthouse.stack,
  appPort: PORTS.lighthouse.app,
  stateDir: path.join(PROJECT_ROOT, '.supabase-local/lighthouse'),
  buildDir: path.resolve(PROJECT_ROOT, BENCH_BUILD_DIR),
  skipBuild: PREBUILT,
  rateLimitMultiplier: 1000,
  serverOutput: 'ignore',
})
let chrome: chromeLauncher.LaunchedChrome | undefined
try {
  const advocate = await portal.signedInAdvocate({ displayName: 'Lighthouse Advocate', askable: true })
  const newcomer = await portal.signedInAdvocate({ displayName: 'Lighthouse Newcomer', survey: null })
  const toRead = await findAsk(portal.admin, ASK_TO_READ)
  const accepted = await acceptAsk(portal.admin, advocate.id, await findAsk(portal.admin, ASK_TO_COMPLETE))
  const pages: AuditedPage[] = [
    { name: 'sign-in', path: '/login', expect: 'Sign in' },
    { name: 'home', path: '/', cookie: advocate.cookie, expect: 'Welcome back' },
    { name: 'feed', path: '/feed', cookie: advocate.cookie, expect: 'Your feed' },
    { name: 'ask', path: `/opportunities/${toRead.id}`, cookie: advocate.cookie, expect: ASK_TO_READ },
    { name: 'completion form', path: `/activity/${accepted}`, cookie: advocate.cookie, expect: ASK_TO_COMPLETE },
    { name: 'My activity', path: '/activity', cookie: advocate.cookie, expect: 'My activity' },
    { name: 'profile', path: '/profile', cookie: advocate.cookie, expect: 'Your profile' },
    { name: 'survey step', path: '/welcome/survey/1', cookie: newcomer.cookie, expect: 'Question 1' },
  ]
  for (const page of pages) await expectRendered(page)

  chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
  const report: Record<string, Record<string, number>> = {}
  for (const page of SMOKE ? pages.filter((p) => p.name === 'home') : pages) {
    report[page.name] = await audit(chrome.port, page)
    if (!SMOKE) console.log(`  audited ${page.name} (${page.path})`) // a full run takes minutes
  }

  console.log(
    `\nLighthouse ${SMOKE ? 'smoke: 1 run of the home; every page rendered' : `${RUNS}-run medians`} (mobile, simulated throttling):`,
  )
  let missed = false
  for (const [name, scores] of Object.entries(report)) {
    const misses = CATEGORIES.filter((c) => scores[c] < TARGETS[c])
    missed ||= misses.length > 0
    console.log(
      `  ${name.padEnd(16)} performance ${scores.performance}  accessibility ${scores.accessibility}  best-practices ${scores['best-practices']}  seo ${scores.seo}` +
        `   (LCP ${Math.round(scores.lcpMs)} ms, TBT ${Math.round(scores.tbtMs)} ms, CLS ${scores.cls.toFixed(3)})${misses.length ? `  below target: ${misses.join(', ')}` : ''}`,
    )
  }
  console.log(
    `  targets: performance ≥ ${TARGETS.performance}, accessibility, best practices and SEO ${TARGETS.seo}: ${verdict(!missed)}\n`,
  )
  if (!SMOKE) {
    const outDir = path.join(PROJECT_ROOT, 'bench/results')
    mkdirSync(outDir, { recursive: true })
    writeFileSync(path.join(outDir, 'lighthouse.json'), JSON.stringify({ date: new Date().toISOString(), runs: RUNS, report }, null, 2))
  }
} finally {
  await chrome?.kill()
  await portal.stop()
}

/** The page answers 200 with its own content for its visitor: not a redirect, not an error page. */
async function expectRendered(page: AuditedPage) {
  const res = await fetch(`${portal.appUrl}${page.path}`, { headers: page.cookie ? { Cookie: page.cookie } : {}, redirect: 'manual' })
  const html = await res.text()
  if (res.status !== 200)
    throw new Error(
      `${page.name} (${page.path}) answered ${res.status}${res.headers.get('location') ? ` to ${res.headers.get('location')}` : ''}`,
    )
  if (!html.includes(page.expect)) throw new Error(`${page.name} (${page.path}) rendered without “${page.expect}”`)
}

async function audit(port: number, page: AuditedPage): Promise<Record<string, number>> {
  const url = `${portal.appUrl}${page.path}`
  const runs: Array<Record<string, number>> = []
  for (let i = 0; i < RUNS; i++) {
    const result = await lighthouse(url, {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
      extraHeaders: page.cookie ? { Cookie: page.cookie } : {},
    })
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`)
    const lhr = result.lhr
    if (lhr.finalDisplayedUrl !== url) throw new Error(`${page.name} redirected to ${lhr.finalDisplayedUrl}`)
    if (lhr.runtimeError) throw new Error(`${page.name}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`)
    runs.push({
      ...Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)])),
      lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
      tbtMs: lhr.audits['total-blocking-time']?.numericValue ?? NaN,
      cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN,
    })
  }
  const median = (key: string) => runs.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(runs.length / 2)]
  return Object.fromEntries(Object.keys(runs[0]).map((key) => [key, median(key)]))
}
