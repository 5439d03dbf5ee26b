/**
 * `npm run size`: gzip first-load JS and CSS per route of the client build in BUILD_DIR (default
 * `build`), and a budget gate for the signed-in home. Exits 1 when the home is over budget.
 *
 * "First load" is what Remix modulepreloads on a first visit to a route: entry.client and its
 * imports, then for every route in the match chain (root → layouts → the route) its module and
 * imports. The source is Remix's own browser manifest (assets/manifest-*.js): it has the route tree
 * (parentId) and each route's full static import list, while Vite's manifest has no route tree
 * and Remix deletes it after the build. The manifest module itself loads only when lazy route
 * discovery is off. Stylesheets no route claims are the ones root links (`app.css?url`) and count
 * for every route. Sizes are gzip (zlib default level, as the server's compression sends them).
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'

export const HOME_ROUTE = 'routes/_app._index'
/** quality-anchors §7 row 5 sets ≤ 120 KB for public routes; the home gets a tighter 110 KiB. */
export const HOME_BUDGET_BYTES = 110 * 1024
export const SHELL_ROUTE = 'routes/_app'
/** Feature pages pay for themselves: first-load JS they add over the signed-in shell (issue targets). */
export const OVER_SHELL_BUDGETS = {
  'routes/_app.welcome.survey.$step': 15 * 1024,
  'routes/_app.welcome.result': 15 * 1024,
  'routes/_app.feed': 20 * 1024,
}

/**
 * @typedef {{ module: string, imports?: string[], css?: string[] }} ManifestModule
 * @typedef {ManifestModule & { id: string, parentId?: string, path?: string, index?: boolean }} ManifestRoute
 * @typedef {{ entry: ManifestModule, routes: Record<string, ManifestRoute>, url: string }} RemixManifest
 * @typedef {{ id: string, url: string, js: string[], css: string[], jsBytes: number, cssBytes: number }} RouteLoad
 */

/** The chain of routes a visit to `routeId` renders, root first. */
export function routeChain(manifest, routeId) {
  const chain = []
  for (let id = routeId; id; id = manifest.routes[id]?.parentId) {
    if (!manifest.routes[id]) throw new Error(`Route ${id} is not in the manifest`)
    chain.unshift(manifest.routes[id])
  }
  return chain
}

/** The URL pattern of a route, for the table: "/", "/login", "/*"; layouts have none of their own. */
export function routePattern(manifest, routeId) {
  const route = manifest.routes[routeId]
  if (!route.parentId) return '(root)'
  if (route.path === undefined && !route.index) return '(layout)'
  const segments = routeChain(manifest, routeId)
    .map((route) => route.path ?? '')
    .filter(Boolean)
  return `/${segments.join('/')}`.replace(/\/+/g, '/')
}

/**
 * First-load JS and CSS for every route module (layouts included), largest JS first.
 * @param {RemixManifest} manifest
 * @param {(file: string) => number} gzipBytes size of one file, by its URL ("/assets/…")
 * @param {{ globalCss?: string[], lazyRouteDiscovery?: boolean }} [options]
 * @returns {RouteLoad[]}
 */
export function firstLoadByRoute(manifest, gzipBytes, { globalCss = [], lazyRouteDiscovery = true } = {}) {
  const rows = Object.keys(manifest.routes).map((id) => {
    const parts = [manifest.entry, ...routeChain(manifest, id)]
    const js = new Set(lazyRouteDiscovery ? [] : [manifest.url])
    const css = new Set(globalCss)
    for (const part of parts) {
      js.add(part.module)
      for (const file of part.imports ?? []) js.add(file)
      for (const file of part.css ?? []) css.add(file)
    }
    const sum = (files) => [...files].reduce((total, file) => total + gzipBytes(file), 0)
    return { id, url: routePattern(manifest, id), js: [...js], css: [...css], jsBytes: sum(js), cssBytes: sum(css) }
  })
  return rows.sort((a, b) => b.jsBytes - a.jsBytes || a.id.localeCompare(b.id))
}

/** Stylesheets in the build that no route or entry lists: linked from root's links(), so global. */
export function unclaimedCss(manifest, cssFiles) {
  const claimed = new Set([manifest.entry, ...Object.values(manifest.routes)].flatMap((part) => part.css ?? []))
  return cssFiles.filter((file) => !claimed.has(file))
}

/** JS files that no route loads up front: lazy chunks such as the service-worker registration. */
export function lazyChunks(rows, jsFiles, manifestUrl) {
  const firstLoad = new Set(rows.flatMap((row) => row.js))
  return jsFiles.filter((file) => !firstLoad.has(file) && file !== manifestUrl)
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`

/** @param {string} buildDir */
export function measureBuild(buildDir) {
  const clientDir = path.join(buildDir, 'client')
  const serverBuild = readFileSync(path.join(buildDir, 'server/index.js'), 'utf8')
  const manifestUrl = /["'](\/assets\/manifest-[\w-]+\.js)["']/.exec(serverBuild)?.[1]
  if (!manifestUrl) throw new Error(`No Remix manifest referenced in ${buildDir}/server/index.js; run npm run build first`)
  const manifestSource = readFileSync(path.join(clientDir, manifestUrl), 'utf8')
  const manifest = /** @type {RemixManifest} */ (JSON.parse(manifestSource.replace(/^window\.__remixManifest=/, '').replace(/;\s*$/, '')))
  const lazyRouteDiscovery = /["']?v3_lazyRouteDiscovery["']?\s*:\s*true/.test(serverBuild)

  const assets = readdirSync(path.join(clientDir, 'assets')).map((file) => `/assets/${file}`)
  const cache = new Map()
  const gzipBytes = (file) => {
    if (!cache.has(file)) cache.set(file, gzipSync(readFileSync(path.join(clientDir, file))).length)
    return cache.get(file)
  }
  const globalCss = unclaimedCss(
    manifest,
    assets.filter((file) => file.endsWith('.css')),
  )
  const rows = firstLoadByRoute(manifest, gzipBytes, { globalCss, lazyRouteDiscovery })
  const lazy = lazyChunks(
    rows,
    assets.filter((file) => file.endsWith('.js')),
    manifest.url,
  ).map((file) => ({ file, bytes: gzipBytes(file) }))
  return { rows, lazy }
}

function main() {
  const buildDir = path.resolve(process.env.BUILD_DIR ?? 'build')
  const { rows, lazy } = measureBuild(buildDir)
  const width = Math.max(...rows.map((row) => row.id.length), 5)
  const urlWidth = Math.max(...rows.map((row) => row.url.length), 3)
  console.log(`First-load size per route, gzip (${path.relative(process.cwd(), buildDir) || '.'})\n`)
  console.log(`${'Route'.padEnd(width)}  ${'URL'.padEnd(urlWidth)}  ${'JS'.padStart(10)}  ${'files'.padStart(5)}  ${'CSS'.padStart(9)}`)
  for (const row of rows) {
    const marker = row.id === HOME_ROUTE ? '  ← signed-in home' : ''
    console.log(
      `${row.id.padEnd(width)}  ${row.url.padEnd(urlWidth)}  ${kib(row.jsBytes).padStart(10)}  ${String(row.js.length).padStart(5)}  ${kib(row.cssBytes).padStart(9)}${marker}`,
    )
  }
  if (lazy.length > 0)
    console.log(
      `\nLoaded later, not in any first load: ${lazy.map(({ file, bytes }) => `${path.basename(file)} ${kib(bytes)}`).join(', ')}`,
    )

  const home = rows.find((row) => row.id === HOME_ROUTE)
  if (!home) {
    console.error(`\n${HOME_ROUTE} is not in the build; update HOME_ROUTE in scripts/size.mjs`)
    process.exit(1)
  }
  const verdict = home.jsBytes <= HOME_BUDGET_BYTES ? 'within' : 'OVER'
  console.log(
    `\nSigned-in home (${HOME_ROUTE}): ${kib(home.jsBytes)} JS (${home.jsBytes.toLocaleString('en')} B) + ${kib(home.cssBytes)} CSS, ${verdict} the ${kib(HOME_BUDGET_BYTES)} JS budget`,
  )
  let overBudget = verdict === 'OVER'

  const shell = rows.find((row) => row.id === SHELL_ROUTE)
  for (const [routeId, budget] of Object.entries(OVER_SHELL_BUDGETS)) {
    const row = rows.find((r) => r.id === routeId)
    if (!row || !shell) {
      console.error(`${routeId} or ${SHELL_ROUTE} is not in the build; update OVER_SHELL_BUDGETS in scripts/size.mjs`)
      overBudget = true
      continue
    }
    const extra = row.jsBytes - shell.jsBytes
    const ok = extra <= budget
    console.log(`${routeId}: +${kib(extra)} JS over the shell, ${ok ? 'within' : 'OVER'} its ${kib(budget)} budget`)
    if (!ok) overBudget = true
  }
  if (overBudget) process.exit(1)
}

// Importable from tests without running main().
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main()
