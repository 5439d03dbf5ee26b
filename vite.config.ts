import { vitePlugin as remix } from '@remix-run/dev'
import tailwindcss from '@tailwindcss/vite'
import { defineConfig, type Plugin } from 'vite'
import tsconfigPaths from 'vite-tsconfig-paths'
import { crossSiteReason, parseAllowedOrigins } from './server/same-origin.mjs'

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}

export default defineConfig({
  server: {
    port: 5173,
    host: '127.0.0.1',
    // The local stack writes pgdata, logs and state here; watching them would restart Vite.
    watch: { ignored: ['**/.supabase-local/**', '**/test-results/**', '**/playwright-report/**'] },
  },
  plugins: [
    sameOriginWritesInDev(),
    tailwindcss(),
    remix({
      // A separate build directory lets test runs build without clobbering `npm start`'s build.
      buildDirectory: process.env.BUILD_DIR ?? 'build',
      ignoredRouteFiles: ['**/*.server.*', '**/*.client.*', '**/*.test.*', '**/__*'],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
    tsconfigPaths(),
  ],
})

/**
 * The production server's cross-site refusal (server/same-origin.mjs) in `npm run dev`, so a
 * cross-site form post gets the same plain 403 here instead of Remix's 500. No proxy in dev: our
 * origin is plain http on the Host header.
 */
function sameOriginWritesInDev(): Plugin {
  return {
    name: 'portal:same-origin-writes',
    configureServer(server) {
      const allowed = new Set(parseAllowedOrigins(process.env.ALLOWED_ORIGINS))
      server.middlewares.use((req, res, next) => {
        let ownOrigins: string[] = []
        try {
          ownOrigins = req.headers.host ? [new URL(`http://${req.headers.host}`).origin] : []
        } catch {
          // A Host header that is not a host: nothing can match it.
        }
        const secFetchSite = req.headers['sec-fetch-site']
        const reason = crossSiteReason({
          method: req.method ?? 'GET',
          origin: req.headers.origin,
          secFetchSite: typeof secFetchSite === 'string' ? secFetchSite : undefined,
          ownOrigins,
          allowed,
        })
        if (!reason) return next()
        res.statusCode = 403
        res.setHeader('Cache-Control', 'no-store')
        res.setHeader('Content-Type', 'text/plain; charset=utf-8')
        res.end('Cross-site request refused.')
      })
    },
  }
}
