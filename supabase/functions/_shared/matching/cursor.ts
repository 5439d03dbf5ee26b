/**
 * The feed cursor (ADR 005). Opaque to clients, versioned, unsigned: it is not a security
 * boundary (RLS decides which rows reach the engine), only a bookmark.
 *
 * `1.<snapshot>.<offset>.<fingerprint>`, numbers in base 36:
 * - snapshot: the first page's `now`. Later pages rank "as of" it, so the clock, new items and
 *   new log rows don't shift the order while someone scrolls;
 * - offset: where the next page starts in the full ranking;
 * - fingerprint: a 53-bit hash of the items already served (advocate, page size and the ordered
 *   item keys before `offset`). If re-ranking gives a different prefix, continuing would drop or
 *   repeat something, so the engine refuses with `stale` and the client starts over.
 */
export const CURSOR_VERSION = 1

export type FeedCursorErrorCode = 'malformed' | 'unsupported_version' | 'expired' | 'stale'

/** The edge function maps `malformed`/`unsupported_version` to 400 and `expired`/`stale` to 409 ("reload the feed"). */
export class FeedCursorError extends Error {
  readonly code: FeedCursorErrorCode
  constructor(code: FeedCursorErrorCode, message: string) {
    super(message)
    this.name = 'FeedCursorError'
    this.code = code
  }
}

export interface FeedCursor {
  snapshot: number
  offset: number
  fingerprint: string
}

const BASE36 = /^[0-9a-z]+$/

export function encodeCursor(cursor: FeedCursor): string {
  return `${CURSOR_VERSION}.${cursor.snapshot.toString(36)}.${cursor.offset.toString(36)}.${cursor.fingerprint}`
}

export function decodeCursor(text: string): FeedCursor {
  const parts = text.split('.')
  if (parts.length !== 4 || !parts.every((part) => BASE36.test(part))) {
    throw new FeedCursorError('malformed', 'cursor is not one this feed issued')
  }
  if (parts[0] !== String(CURSOR_VERSION)) {
    throw new FeedCursorError('unsupported_version', `cursor version ${parts[0]} is not supported`)
  }
  const snapshot = parseInt(parts[1], 36)
  const offset = parseInt(parts[2], 36)
  if (!Number.isSafeInteger(snapshot) || !Number.isSafeInteger(offset) || offset < 1) {
    throw new FeedCursorError('malformed', 'cursor is not one this feed issued')
  }
  return { snapshot, offset, fingerprint: parts[3] }
}

/** cyrb53 (public domain), streamed: two 32-bit lanes, mixed at the end. Not cryptographic; it only has to notice change. */
export class Fingerprint {
  private h1: number
  private h2: number

  constructor(seed: string) {
    this.h1 = 0xdeadbeef
    this.h2 = 0x41c6ce57
    this.add(seed)
  }

  /** Adds a string and a separator, so ("ab","c") and ("a","bc") differ. */
  add(text: string): void {
    let h1 = this.h1
    let h2 = this.h2
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i)
      h1 = Math.imul(h1 ^ ch, 2654435761)
      h2 = Math.imul(h2 ^ ch, 1597334677)
    }
    this.h1 = Math.imul(h1 ^ 0x1f, 2654435761)
    this.h2 = Math.imul(h2 ^ 0x1f, 1597334677)
  }

  digest(): string {
    let h1 = Math.imul(this.h1 ^ (this.h1 >>> 16), 2246822507)
    h1 ^= Math.imul(this.h2 ^ (this.h2 >>> 13), 3266489909)
    let h2 = Math.imul(this.h2 ^ (this.h2 >>> 16), 2246822507)
    h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909)
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)
  }
}
