// Production server: Express 4 with compression, security headers, rate limits and caching rules.
// Hashed assets are immutable; the service worker, the manifest and HTML are always revalidated.
import path from 'node:path'
import { createRequestHandler } from '@remix-run/express'
import compression from 'compression'
import express from 'express'
import { rateLimits } from './rate-limits.mjs'
import { securityHeaders } from './security.mjs'

const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '127.0.0.1'
const buildDir = path.resolve(process.env.BUILD_DIR ?? 'build')
const build = await import(path.join(buildDir, 'server/index.js'))

const app = express()
app.disable('x-powered-by')
// Behind a proxy that terminates TLS, set TRUST_PROXY (e.g. "1") so req.secure and the client IP
// used for rate limits come from it; never trust X-Forwarded-For from the open internet.
if (process.env.TRUST_PROXY) app.set('trust proxy', /^\d+$/.test(process.env.TRUST_PROXY) ? Number(process.env.TRUST_PROXY) : process.env.TRUST_PROXY)
app.use(compression())
app.use(securityHeaders())
app.use(rateLimits({ multiplier: Number(process.env.RATE_LIMIT_MULTIPLIER ?? 1) }))

app.use('/assets', express.static(path.join(buildDir, 'client/assets'), { immutable: true, maxAge: '1y', fallthrough: false }))
const publicFiles = express.static(path.join(buildDir, 'client'), { setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache') })
// Public files all have an extension; page URLs never do, so they skip the file-system lookup.
app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()))
app.all('*', createRequestHandler({ build, getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce }) }))

const server = app.listen(port, host, () => console.log(`Portal on http://${host}:${port}`))
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)))
