/**
 * `redirectTo` comes from the URL, so it is attacker-controlled. Only same-origin paths pass:
 * "/feed?x=1" stays, while "https://evil.example", "//evil.example", "/\\evil.example" and
 * anything with control characters falls back to the default.
 */
export const DEFAULT_REDIRECT = '/'

export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = DEFAULT_REDIRECT): string {
  if (typeof to !== 'string' || to.length === 0 || to.length > 2048) return fallback
  if (!to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
  // Browsers strip tabs and newlines from URLs, which can turn "/\t/evil" into "//evil".
  if (hasControlOrBackslash(to)) return fallback
  try {
    const base = 'http://app.invalid'
    const url = new URL(to, base)
    if (url.origin !== base) return fallback
    const path = `${url.pathname}${url.search}${url.hash}`
    // Dot segments normalise away: "/.//evil.example" becomes "//evil.example", another host.
    return path.startsWith('//') ? fallback : path
  } catch {
    return fallback
  }
}

/** The sign-in URL that brings the visitor back to where they were. */
export function signInPath(redirectTo: string): string {
  const target = safeRedirect(redirectTo)
  return target === DEFAULT_REDIRECT ? '/login' : `/login?${new URLSearchParams({ redirectTo: target })}`
}

/** Any C0 control character, DEL, or a backslash (which some browsers read as a slash). */
function hasControlOrBackslash(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i)
    if (code <= 0x1f || code === 0x7f || code === 0x5c) return true
  }
  return false
}
