// Rate limits in the Epic Stack's shape, per client IP: 10/min for sign-in actions, 100/min for
// other writes, 1000/min for everything. RATE_LIMIT_MULTIPLIER raises them for test suites.
//
// - The client IP is Express's `req.ip`, which honours `trust proxy` as a hop count (TRUST_PROXY in
//   index.mjs): the address the last trusted proxy saw, never the first X-Forwarded-For entry.
// - Writes are counted in the shared store (Postgres, ADR 008), so the limits hold across every
//   portal instance. Reads stay in-process: they change nothing, the budget is generous, and a
//   round trip on every page view would cost more than it protects.
// - When the store fails, sign-in actions are refused with 503 (they need the same database to
//   work at all, so failing closed costs nothing real), and other writes fall back to a
//   per-instance limiter so the site keeps working.
import { ipKeyGenerator, rateLimit } from 'express-rate-limit'

/** The auth pages whose form posts get the small budget. */
const AUTH_ROUTES = new Set(['/login', '/signup', '/forgot-password', '/reset-password', '/verify-code', '/logout'])

const WINDOW_SECONDS = 60

/**
 * The path as Remix's router matches it: percent-decoded, case-insensitive, repeated and trailing
 * slashes ignored, and a single-fetch `.data` suffix removed. `/LOGIN`, `/%6Cogin/`, `//login` and
 * `/login.data` are all `/login`. A path that cannot be decoded counts as an auth action.
 */
export function routePathOf(rawPath) {
  let path
  try {
    path = decodeURIComponent(rawPath)
  } catch {
    return null
  }
  path = path.toLowerCase().replace(/\/{2,}/g, '/')
  if (path.endsWith('.data')) path = path.slice(0, -'.data'.length)
  path = path.replace(/\/+$/, '')
  return path || '/'
}

export function isAuthAction(rawPath) {
  const path = routePathOf(rawPath)
  return path === null || AUTH_ROUTES.has(path)
}

/** The client's key: its IP, and for IPv6 its /56, as express-rate-limit does. */
export const clientKey = (req) => ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown')

function tooMany(res, retryAfterSeconds) {
  res.status(429).setHeader('Cache-Control', 'no-store')
  if (retryAfterSeconds) res.setHeader('Retry-After', String(retryAfterSeconds))
  res.type('text/plain').send('Too many requests. Please wait a minute and try again.')
}

/**
 * `store` is the shared counter store (rate-limit-store.mjs); without one every limit is
 * per-process, which is only right for a single instance and for tests of this module.
 * @param {{
 *   multiplier?: number,
 *   store?: { hit(bucket: string, subject: string, limit: number, windowSeconds: number): Promise<{ hits: number, limited: boolean, retryAfterSeconds: number }> },
 *   log?: (message: string) => void,
 * }} [options]
 */
export function rateLimits({ multiplier = 1, store, log = console.error } = {}) {
  const common = {
    windowMs: WINDOW_SECONDS * 1000,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: clientKey,
    handler(req, res) {
      tooMany(res, Math.ceil((req.rateLimit.resetTime?.getTime() - Date.now()) / 1000) || WINDOW_SECONDS)
    },
  }
  const all = rateLimit({ ...common, limit: 1000 * multiplier })
  const local = { auth: rateLimit({ ...common, limit: 10 * multiplier }), write: rateLimit({ ...common, limit: 100 * multiplier }) }
  const limits = { auth: 10 * multiplier, write: 100 * multiplier }
  let lastFailureLog = 0

  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return all(req, res, next)
    const bucket = isAuthAction(req.path) ? 'auth' : 'write'
    const thenAll = (error) => (error ? next(error) : all(req, res, next))
    if (!store) return local[bucket](req, res, thenAll)

    store.hit(bucket, clientKey(req), limits[bucket], WINDOW_SECONDS).then(
      ({ hits, limited, retryAfterSeconds }) => {
        res.setHeader('RateLimit-Policy', `${limits[bucket]};w=${WINDOW_SECONDS}`)
        res.setHeader('RateLimit', `limit=${limits[bucket]}, remaining=${Math.max(0, limits[bucket] - hits)}, reset=${retryAfterSeconds}`)
        if (limited) return tooMany(res, retryAfterSeconds)
        thenAll()
      },
      (error) => {
        if (Date.now() - lastFailureLog > 10_000) {
          lastFailureLog = Date.now()
          log(
            `rate limits: ${error.message}; ${bucket === 'auth' ? 'refusing sign-in actions' : 'counting writes per instance'} until it answers`,
          )
        }
        if (bucket === 'write') return local.write(req, res, thenAll)
        res.status(503).setHeader('Cache-Control', 'no-store')
        res.setHeader('Retry-After', '30')
        res.type('text/plain').send('Signing in is briefly unavailable. Please try again in a moment.')
      },
    )
  }
}
