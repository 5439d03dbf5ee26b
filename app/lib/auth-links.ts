/**
 * Links between the auth pages. `redirectTo` rides along on every step, always checked by
 * `safeRedirect`; the default destination is left out to keep URLs short.
 */
import { DEFAULT_REDIRECT, safeRedirect } from './safe-redirect.ts'

/** The safe `redirectTo` to carry forward, or '' when it is just the default. */
export function carriedRedirect(value: FormDataEntryValue | string | null | undefined): string {
  const target = safeRedirect(value)
  return target === DEFAULT_REDIRECT ? '' : target
}

/** `/path?key=value…` with empty values dropped and `redirectTo` made safe. */
export function authHref(path: string, params: Record<string, string | null | undefined> = {}): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    const safe = key === 'redirectTo' ? carriedRedirect(value) : value
    if (safe) search.set(key, safe)
  }
  const query = search.toString()
  return query ? `${path}?${query}` : path
}
