// Production server: Express 4 with compression, security headers, rate limits and caching rules.
// Hashed assets are immutable; the service worker, the manifest and HTML are always revalidated.
import path from 'node:path'
import { createRequestHandler } from '@remix-run/express'
import compression from 'compression'
import express from 'express'
import { createPostgresStore } from './rate-limit-store.mjs'
import { rateLimits } from './rate-limits.mjs'
import { parseAllowedOrigins, sameOriginWrites } from './same-origin.mjs'
import { securityHeaders } from './security.mjs'
import { trustProxySetting } from './trust-proxy.mjs'

const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '127.0.0.1'
const buildDir = path.resolve(process.env.BUILD_DIR ?? 'build')
const build = await import(path.join(buildDir, 'server/index.js'))

const app = express()
app.disable('x-powered-by')
// TRUST_PROXY is the number of proxies in front of this server (README: Deploying). req.ip, and so
// the rate limits and the IP forwarded to Auth, is the address the outermost of them saw;
// req.protocol and our own origin come from them too. Never from X-Forwarded-For's first entry.
app.set('trust proxy', trustProxySetting(process.env.TRUST_PROXY))
app.use(compression())
app.use(securityHeaders())
app.use(sameOriginWrites({ allowedOrigins: parseAllowedOrigins(process.env.ALLOWED_ORIGINS) }))
const store = createPostgresStore({
  url: process.env.SUPABASE_URL,
  key: process.env.SUPABASE_SERVICE_ROLE_KEY || process.env.SUPABASE_SECRET_KEY,
})
app.use(rateLimits({ multiplier: Number(process.env.RATE_LIMIT_MULTIPLIER ?? 1), store }))

app.use('/assets', express.static(path.join(buildDir, 'client/assets'), { immutable: true, maxAge: '1y', fallthrough: false }))
const publicFiles = express.static(path.join(buildDir, 'client'), { setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache') })
// Public files all have an extension; page URLs never do, so they skip the file-system lookup.
app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()))
app.all('*', createRequestHandler({ build, getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce, clientIp: req.ip }) }))

const server = app.listen(port, host, () => console.log(`Portal on http://${host}:${port}`))
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)))
