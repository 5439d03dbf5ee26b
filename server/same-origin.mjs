// Refuses cross-site writes before Remix sees them. Remix 2.17 aborts such an action itself, but
// with a 500 and a logged stack trace, and a refused attack must not page anyone or spend an error
// budget. So every request that is not GET/HEAD/OPTIONS must come from the app's own origin (or an
// origin in ALLOWED_ORIGINS), or it gets a plain 403 here.
//
// The rule, in order:
// - `Origin` present: it must equal our origin or an allowed one. `null` (sandboxed frames, some
//   cross-origin redirects) is never ours.
// - `Origin` absent, `Sec-Fetch-Site` present: only `same-origin` and `none` (typed in the address
//   bar, a bookmark) pass. `same-site` is refused: a sibling sub-domain (a marketing site, a
//   taken-over CNAME) is a different application and gets no write access to the portal.
// - Neither header: not a browser-driven cross-site request (browsers send `Origin` on every
//   POST), e.g. curl or a health probe, so it passes; Remix's own check sees nothing to refuse.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** `ALLOWED_ORIGINS` ("https://a.example, https://b.example") as normalised origins. */
export function parseAllowedOrigins(value = '') {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const url = new URL(entry)
      if (url.origin === 'null' || url.pathname !== '/' || url.search || url.hash) {
        throw new Error(`ALLOWED_ORIGINS: "${entry}" is not an origin like https://portal.example.com`)
      }
      return url.origin
    })
}

function normalisedOrigin(value) {
  try {
    const origin = new URL(value).origin
    return origin === 'null' ? null : origin
  } catch {
    return null
  }
}

/**
 * Why a request must be refused, or null when it may go on. `ownOrigins` are the origins the
 * browser may have used, e.g. ["https://portal.example.com"]; `allowed` is a Set of further ones.
 */
export function crossSiteReason({ method, origin, secFetchSite, ownOrigins, allowed }) {
  if (SAFE_METHODS.has(method)) return null
  if (origin !== undefined) {
    const normalised = normalisedOrigin(origin)
    if (normalised && (ownOrigins.includes(normalised) || allowed.has(normalised))) return null
    return 'origin'
  }
  if (secFetchSite === undefined || secFetchSite === 'same-origin' || secFetchSite === 'none') return null
  return 'sec-fetch-site'
}

/**
 * The host Remix compares `Origin` with: the first `X-Forwarded-Host`, trusted or not, else `Host`
 * (@remix-run/server-runtime's throwIfPotentialCSRFAttack).
 */
function hostRemixCompares(headers) {
  const forwarded = headers['x-forwarded-host']?.split(',')[0]?.trim()
  return forwarded || headers.host
}

/**
 * Express middleware. With `trust proxy` set, our origin uses `X-Forwarded-Proto`/`-Host` (as
 * the browser saw it); without, only the socket's protocol and `Host`, since anyone can send the
 * forwarded headers.
 * @param {{ allowedOrigins?: string[] }} [options]
 */
export function sameOriginWrites({ allowedOrigins = [] } = {}) {
  const allowed = new Set(allowedOrigins)
  return (req, res, next) => {
    const origin = req.headers.origin
    const reason = crossSiteReason({
      method: req.method,
      origin,
      secFetchSite: req.headers['sec-fetch-site'],
      ownOrigins: ownOriginsOf(req),
      allowed,
    })
    if (reason) {
      res.status(403).setHeader('Cache-Control', 'no-store')
      res.removeHeader('Set-Cookie')
      return res.type('text/plain').send('Cross-site request refused.')
    }
    // We have checked this request; if Remix would compare the origin with a different host (an
    // allowed extra origin, or a forwarded host we do not trust), it would answer 500. Our check
    // is the stricter one, so Remix does not get to repeat it with the wrong host.
    if (origin !== undefined && !SAFE_METHODS.has(req.method)) {
      const host = hostRemixCompares(req.headers)
      if (normalisedOrigin(origin) && new URL(origin).host !== host) delete req.headers.origin
    }
    next()
  }
}

/**
 * Our origin as the browser saw it. With a trusted proxy, its X-Forwarded-Proto/-Host say exactly
 * that. Over plain HTTP from an untrusted peer we cannot tell whether a TLS proxy we were not told
 * about sits in front (TRUST_PROXY forgotten), so the same host over https counts too: refusing
 * every sign-in on such a deploy would be worse than accepting a same-host page whose only
 * difference is the scheme, which an attacker could only serve by intercepting plain HTTP.
 */
function ownOriginsOf(req) {
  const trusted = req.app.get('trust proxy fn')(req.socket.remoteAddress, 0)
  const forwardedHost = trusted ? req.headers['x-forwarded-host']?.split(',')[0]?.trim() : undefined
  const host = forwardedHost || req.headers.host
  if (!host) return []
  // req.protocol already honours X-Forwarded-Proto only from a trusted proxy.
  const origins = [normalisedOrigin(`${req.protocol}://${host}`)]
  if (!trusted && req.protocol === 'http') origins.push(normalisedOrigin(`https://${host}`))
  return origins.filter(Boolean)
}
