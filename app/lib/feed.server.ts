/**
 * Calls the `feed` edge function as the signed-in advocate (ADR 005, ADR 006). The browser never
 * talks to Supabase (ADR 002): the feed page's loader and its `/resources/feed` route call these.
 */
import type { SupabaseClient } from '@supabase/supabase-js'
import { invokeFunction, type FunctionErrorCode } from './functions.server.ts'
import { z } from 'zod'
import type { FeedResponse } from '../../supabase/functions/_shared/feed-contract.ts'
import { CONTENT_KINDS, OPPORTUNITY_TYPES } from '../../supabase/functions/_shared/matching.ts'

export type { FeedResponse }

/** The filter chips' query: `?kind=ask&type=review`. Anything else is ignored rather than an error page. */
export const FeedFilterSchema = z
  .object({
    kind: z.enum(['ask', 'content']).optional().catch(undefined),
    type: z
      .enum([...OPPORTUNITY_TYPES, ...CONTENT_KINDS] as [string, ...string[]])
      .optional()
      .catch(undefined),
  })
  .transform(({ kind, type }) => {
    // A type implies its kind; a type that contradicts the kind is dropped.
    const typeKind = type === undefined ? undefined : (OPPORTUNITY_TYPES as readonly string[]).includes(type) ? 'ask' : 'content'
    if (type !== undefined && kind !== undefined && kind !== typeKind) return { kind }
    return { kind: kind ?? typeKind, type }
  })
export type FeedFilter = z.output<typeof FeedFilterSchema>

export function readFeedFilter(searchParams: URLSearchParams): FeedFilter {
  return FeedFilterSchema.parse({ kind: searchParams.get('kind') ?? undefined, type: searchParams.get('type') ?? undefined })
}

/** The function refused the cursor because the feed moved on (409): the client starts again from page 1. */
export class FeedMovedOnError extends Error {
  constructor() {
    super('the feed changed since the last page')
    this.name = 'FeedMovedOnError'
  }
}

/** A refusal the caller can act on (bad cursor, unknown item). */
export class FeedRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: FunctionErrorCode<'feed'>,
    message: string,
  ) {
    super(message)
    this.name = 'FeedRequestError'
  }
}

/** Page size the UI asks for: the same with every cursor, as the function requires. */
export const FEED_PAGE_SIZE = 12

export async function fetchFeedPage(
  supabase: SupabaseClient,
  options: { cursor?: string | null; filter?: FeedFilter },
): Promise<FeedResponse> {
  const query = new URLSearchParams({ limit: String(FEED_PAGE_SIZE) })
  if (options.cursor) query.set('cursor', options.cursor)
  if (options.filter?.kind) query.set('kind', options.filter.kind)
  if (options.filter?.type) query.set('type', options.filter.type)
  return invokeFeed<FeedResponse>(supabase, query)
}

async function invokeFeed<T>(supabase: SupabaseClient, query: URLSearchParams): Promise<T> {
  const { data, refusal } = await invokeFunction<'feed', T>(supabase, 'feed', { method: 'GET', query })
  if (!refusal) return data
  if (refusal.status === 409) throw new FeedMovedOnError()
  throw new FeedRequestError(refusal.status, refusal.code, refusal.message)
}

export { invokeFeed }
