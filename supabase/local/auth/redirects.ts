/**
 * `redirect_to` allow-list (§4.5). Anything not allowed silently becomes `site_url`.
 * Like GoTrue, a URL on the site URL's host is allowed, and `additional_redirect_urls`
 * are globs where `*` stops at `.` and `/` and `**` matches across them.
 */
import type { AuthConfig } from '../config.ts'

export function globToRegExp(glob: string): RegExp {
  let pattern = ''
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]
    if (char === '*' && glob[i + 1] === '*') {
      pattern += '.*'
      i++
    } else if (char === '*') {
      pattern += '[^./]*'
    } else if (char === '?') {
      pattern += '[^./]'
    } else {
      pattern += char.replace(/[.+^${}()|[\]\\]/g, '\\$&')
    }
  }
  return new RegExp(`^${pattern}$`)
}

export function isAllowedRedirect(config: AuthConfig, url: string): boolean {
  let target: URL
  try {
    target = new URL(url)
  } catch {
    return false
  }
  try {
    if (new URL(config.siteUrl).hostname === target.hostname) return true
  } catch {
    // A malformed site_url only disables the host shortcut.
  }
  return config.additionalRedirectUrls.some((glob) => globToRegExp(glob).test(url))
}

/** The URL to send the user to: the requested one when allowed, else `site_url`. */
export function resolveRedirect(config: AuthConfig, requested: string | null | undefined): string {
  return requested && isAllowedRedirect(config, requested) ? requested : config.siteUrl
}
