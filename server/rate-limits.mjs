// Rate limits in the Epic Stack's shape: 10/min for auth writes, 100/min for other writes,
// 1000/min for everything, per client IP. RATE_LIMIT_MULTIPLIER raises them for test suites.
import { rateLimit } from 'express-rate-limit'

/** Form posts of the auth pages, whether a document POST or a Remix single-fetch `.data` request. */
const AUTH_ACTION = /^\/(login|signup|forgot-password|reset-password|verify-code|logout)(\.data)?\/?$/

export function rateLimits({ multiplier = 1 } = {}) {
  const common = {
    windowMs: 60_000,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler(req, res, _next, options) {
      res.status(429).setHeader('Cache-Control', 'no-store')
      res.type('text/plain').send('Too many requests. Please wait a minute and try again.')
    },
  }
  const all = rateLimit({ ...common, limit: 1000 * multiplier })
  const writes = rateLimit({ ...common, limit: 100 * multiplier })
  const auth = rateLimit({ ...common, limit: 10 * multiplier })
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return all(req, res, next)
    const limiter = AUTH_ACTION.test(req.path) ? auth : writes
    return limiter(req, res, (error) => (error ? next(error) : all(req, res, next)))
  }
}
