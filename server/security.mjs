// Security headers for every response. The CSP is enforced (not report-only) and uses a fresh
// nonce per response with 'strict-dynamic': only scripts the server rendered, and what they load, run.
import crypto from 'node:crypto'

export function createNonce() {
  return crypto.randomBytes(16).toString('base64')
}

export function contentSecurityPolicy(nonce, { secure }) {
  const directives = [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ]
  if (secure) directives.push('upgrade-insecure-requests')
  return directives.join('; ')
}

export function securityHeaders() {
  return (req, res, next) => {
    const nonce = createNonce()
    res.locals.cspNonce = nonce
    const secure = req.secure
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(nonce, { secure }))
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin')
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()')
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
    res.setHeader('X-Frame-Options', 'DENY')
    // HSTS only means something over HTTPS; sending it over plain HTTP is ignored by browsers.
    if (secure) res.setHeader('Strict-Transport-Security', 'max-age=63072000; includeSubDomains')
    next()
  }
}
