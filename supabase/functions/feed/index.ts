/**
 * GET /functions/v1/feed?cursor=…&limit=…: the caller's ranked feed, one page at a time
 * (issue 5 §2, docs/decisions/005-matching-engine.md).
 *
 * → 200 `{ items: FeedResponseItem[], nextCursor: string | null, eligibility: { eligible, reasons } }`.
 * `limit` is 1–50 (default: the program's page size); pass the same `limit` with every cursor.
 * Cursor errors: `malformed`/`unsupported_version` → 400, `expired`/`stale` → 409; the client then
 * reloads page 1. The engine's inputs are read with the caller's JWT (RLS applies), except the
 * caller's own CRM row, read with the service role (advocates cannot read `advocate_accounts`).
 */
import { z } from 'zod'
import { createCallerClient, createServiceClient, getCallerId } from '../_shared/clients.ts'
import { preflight } from '../_shared/cors.ts'
import { loadFeedInputs, type ContentDisplay, type OpportunityDisplay } from '../_shared/feed-inputs.ts'
import { errorResponse, json, methodNotAllowed } from '../_shared/http.ts'
import { FEED_MAX_LIMIT, type FeedResponse, type FeedResponseItem } from '../_shared/feed-contract.ts'
import { evaluateEligibility, FeedCursorError, rankFeed, type FeedItem, type OpportunityType } from '../_shared/matching.ts'

const env = {
  url: Deno.env.get('SUPABASE_URL')!,
  anonKey: Deno.env.get('SUPABASE_ANON_KEY')!,
  serviceRoleKey: Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!,
}

const EXCERPT_CHARS = 200

const QuerySchema = z
  .object({
    cursor: z.string().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(FEED_MAX_LIMIT).optional(),
  })
  .strict()

const excerpt = (body: string) => (body.length <= EXCERPT_CHARS ? body : `${body.slice(0, EXCERPT_CHARS - 1).trimEnd()}…`)

function toResponseItem(
  item: FeedItem,
  opportunities: Map<string, OpportunityDisplay>,
  content: Map<string, ContentDisplay>,
): FeedResponseItem {
  if (item.kind === 'ask') {
    const o = opportunities.get(item.id)!
    return {
      kind: 'ask',
      id: item.id,
      type: item.type as OpportunityType,
      reasons: item.reasons,
      title: o.title,
      excerpt: excerpt(o.body),
      effort: o.effort,
      points: o.points,
      estimatedMinutes: o.estimatedMinutes,
    }
  }
  const c = content.get(item.id)!
  return {
    kind: 'content',
    id: item.id,
    type: c.kind,
    reasons: item.reasons,
    title: c.title,
    excerpt: excerpt(c.body),
    url: c.url,
  }
}

async function handle(req: Request): Promise<Response> {
  if (req.method === 'OPTIONS') return preflight()
  if (req.method !== 'GET') return methodNotAllowed(['GET'])

  const profileId = getCallerId(req)
  if (!profileId) return errorResponse(401, 'unauthorized', 'sign in to see your feed')

  const parsed = QuerySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue.path.length ? `${issue.path.join('.')}: ` : ''
    return errorResponse(400, 'invalid_query', `${where}${issue.message} (use ?cursor=…&limit=1–${FEED_MAX_LIMIT})`)
  }
  const { cursor, limit } = parsed.data

  const inputs = await loadFeedInputs({
    caller: createCallerClient(req, env),
    service: createServiceClient(env),
    profileId,
    now: new Date().toISOString(),
  })
  const settings = limit === undefined ? inputs.settings : { ...inputs.settings, pageSize: limit }

  let page
  try {
    page = rankFeed({
      advocate: inputs.advocate,
      opportunities: inputs.opportunities,
      content: inputs.content,
      ledger: inputs.ledger,
      interactions: inputs.interactions,
      settings,
      cursor: cursor ?? null,
    })
  } catch (error) {
    if (error instanceof FeedCursorError) {
      const status = error.code === 'expired' || error.code === 'stale' ? 409 : 400
      return errorResponse(status, error.code, error.message)
    }
    throw error
  }

  const eligibility = evaluateEligibility(inputs.advocate, inputs.settings)
  return json(
    {
      items: page.items.map((item) => toResponseItem(item, inputs.opportunityDisplay, inputs.contentDisplay)),
      nextCursor: page.nextCursor,
      eligibility: { eligible: eligibility.eligible, reasons: eligibility.reasons },
    } satisfies FeedResponse,
    200,
    { 'Cache-Control': 'private, no-store' },
  )
}

export default {
  async fetch(req: Request): Promise<Response> {
    try {
      return await handle(req)
    } catch (error) {
      console.error('feed:', error)
      return errorResponse(500, 'server_error', 'something went wrong; please try again')
    }
  },
}
