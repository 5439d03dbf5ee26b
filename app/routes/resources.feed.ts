/**
 * GET /resources/feed?cursor=…&kind=…&type=…: the next page of the feed, as JSON, for the feed
 * page's infinite list. The browser never calls Supabase itself (ADR 002).
 * 409 `{ error: 'moved_on' }` when the feed changed since page 1: the page then reloads from the top.
 */
import { data, type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { requireUser } from '~/lib/auth.server.ts'
import { FeedMovedOnError, FeedRequestError, fetchFeedPage, readFeedFilter } from '~/lib/feed.server.ts'

const CursorSchema = z.string().min(1).max(200)

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { supabase, headers } = await requireUser(request, context)
  headers.set('Cache-Control', 'private, no-store')
  const url = new URL(request.url)
  const cursor = CursorSchema.safeParse(url.searchParams.get('cursor'))
  if (!cursor.success) return data({ error: 'invalid_cursor', message: 'cursor is required' }, { status: 400, headers })
  try {
    const page = await fetchFeedPage(supabase, { cursor: cursor.data, filter: readFeedFilter(url.searchParams) })
    return data(page, { headers })
  } catch (error) {
    if (error instanceof FeedMovedOnError) return data({ error: 'moved_on', message: error.message }, { status: 409, headers })
    if (error instanceof FeedRequestError) return data({ error: error.code, message: error.message }, { status: error.status, headers })
    throw error
  }
}
