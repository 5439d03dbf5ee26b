/**
 * /feed: the first page is rendered on the server from the `feed` function; later pages come
 * from /resources/feed (ADR 005, ADR 006).
 */
import { data, type LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/lib/auth.server.ts'
import { fetchFeedPage, readFeedFilter } from '~/lib/feed.server.ts'
import { requireOnboarded } from '~/lib/survey.server.ts'

/** One-off confirmations after an action redirects here (?notice=declined). */
const NOTICES = {
  declined: 'Thanks for letting us know. We won’t show you that ask again for a while.',
  snoozed: 'Snoozed. It will come back on the date you chose.',
  withdrawn: 'You’ve withdrawn from that ask. No problem at all.',
} as const

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requireUser(request, context)
  const url = new URL(request.url)
  const filter = readFeedFilter(url.searchParams)
  // Independent: the survey check and the feed run side by side.
  const [, page] = await Promise.all([requireOnboarded(auth, request, context), fetchFeedPage(auth.supabase, { filter })])
  const noticeKey = url.searchParams.get('notice')
  const notice = noticeKey && noticeKey in NOTICES ? NOTICES[noticeKey as keyof typeof NOTICES] : null
  // `loadedAt` keys the client's infinite list: a new server page 1 starts a new list.
  return data({ page, filter, notice, loadedAt: Date.now() }, { headers: auth.headers })
}
