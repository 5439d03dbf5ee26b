/**
 * Second half of `npm run build`: turns app/sw/service-worker.ts into <BUILD_DIR>/client/sw.js.
 *
 * 1. Writes the offline page (app/sw/offline.html) with the app's hashed stylesheet filled in.
 * 2. Bundles the SW with esbuild (Workbox's production build, no dev logging).
 * 3. Injects the precache manifest (workbox-build injectManifest): hashed assets, the offline page
 *    and the favicon it shows. Hashed file names are their own revision, so only those two get one.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { injectManifest } from 'workbox-build'

const started = performance.now()
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const buildDir = path.resolve(root, process.env.BUILD_DIR ?? 'build')
const clientDir = path.join(buildDir, 'client')

// The stylesheet pages link is the one the server build renders into <head>.
const serverBuild = readFileSync(path.join(buildDir, 'server/index.js'), 'utf8')
const appCss = /["'](\/assets\/app-[\w-]+\.css)["']/.exec(serverBuild)?.[1]
if (!appCss) throw new Error(`build-sw: no /assets/app-*.css referenced in ${path.relative(root, buildDir)}/server/index.js`)
const offlineHtml = readFileSync(path.join(root, 'app/sw/offline.html'), 'utf8').replace('%APP_CSS%', appCss)
writeFileSync(path.join(clientDir, 'offline.html'), offlineHtml)

const tmp = mkdtempSync(path.join(tmpdir(), 'portal-sw-'))
try {
  const swSrc = path.join(tmp, 'sw.js')
  await build({
    entryPoints: [path.join(root, 'app/sw/service-worker.ts')],
    outfile: swSrc,
    bundle: true,
    format: 'iife',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  })
  const { count, size, warnings } = await injectManifest({
    swSrc,
    swDest: path.join(clientDir, 'sw.js'),
    globDirectory: clientDir,
    globPatterns: ['assets/**/*.{js,css,woff2,svg,png,webp,avif}', 'offline.html', 'favicon.svg'],
    dontCacheBustURLsMatching: /^assets\//,
  })
  for (const warning of warnings) console.warn(`build-sw: ${warning}`)
  const ms = Math.round(performance.now() - started)
  console.log(`build-sw: ${path.relative(root, clientDir)}/sw.js precaches ${count} files (${(size / 1024).toFixed(1)} KiB) in ${ms} ms`)
} finally {
  rmSync(tmp, { recursive: true, force: true })
}
