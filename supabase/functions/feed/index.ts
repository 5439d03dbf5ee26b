/**
 * GET /functions/v1/feed?cursor=…&limit=…&kind=…&type=…: the caller's ranked feed, one page at a
 * time (issue 5 §2, docs/decisions/005-matching-engine.md, ADR 006 "Filters").
 *
 * → 200 `{ items: FeedResponseItem[], nextCursor: string | null, asksPaused: boolean }`: an advocate
 * learns whether asks are paused for them, never why (issue 9 §1).
 * `limit` is 1–50 (default: the program's page size); pass the same `limit` and filter with every
 * cursor (a cursor from another filter is 409 `stale`). `kind` is `ask` or `content`; `type` an
 * opportunity type or a content kind, of `kind` when both are given.
 * Cursor errors: `malformed`/`unsupported_version` → 400, `expired`/`stale` → 409; the client then
 * reloads page 1.
 *
 * GET /functions/v1/feed?item=ask:<id> (or content:<id>): one item explained (ADR 006) →
 * 200 `FeedItemExplanation`, 404 `not_found` when the caller cannot see it.
 *
 * Either with `&advocate=<profile id>`: that advocate's feed or explanation, with the eligibility
 * verdict and its reasons. Program admins (checked against the live role, not the token's claim)
 * and the service role only; 403 `forbidden` for everyone else. Read with the service role, so
 * the page is what the advocate would see, not what the admin may see.
 *
 * The engine's inputs are read with the caller's JWT (RLS applies), except the caller's own CRM
 * row, read with the service role (advocates cannot read `advocate_accounts`). The catalogue
 * part is kept between requests while its version holds (see `catalogue` below).
 */
import { z } from 'zod'
import { createCallerClient, createServiceClient } from '../_shared/clients.ts'
import { verifyCaller } from '../_shared/verify-caller.ts'
import { preflight } from '../_shared/cors.ts'
import { CatalogueCache } from '../_shared/feed-catalogue.ts'
import { loadFeedInputs, type ContentDisplay, type OpportunityDisplay } from '../_shared/feed-inputs.ts'
import { errorResponse, json, methodNotAllowed } from '../_shared/http.ts'
import {
  FEED_MAX_LIMIT,
  type AdminFeedItemExplanation,
  type AdminFeedResponse,
  type FeedItemExplanation,
  type FeedResponse,
  type FeedResponseItem,
} from '../_shared/feed-contract.ts'
import {
  CONTENT_KINDS,
  evaluateEligibility,
  explainItem,
  FeedCursorError,
  OPPORTUNITY_TYPES,
  rankFeed,
  type FeedItem,
  type ItemKey,
  type OpportunityType,
} from '../_shared/matching.ts'

const env = {
  url: Deno.env.get('SUPABASE_URL')!,
  anonKey: Deno.env.get('SUPABASE_ANON_KEY')!,
  serviceRoleKey: Deno.env.get('SUPABASE_SERVICE_ROLE_KEY')!,
  jwks: Deno.env.get('SUPABASE_JWKS'),
}

const EXCERPT_CHARS = 200
/**
 * The catalogue (settings, open asks, published gives) is the same for every caller and most of
 * the work of a request, so this worker keeps the last one read while its version holds
 * (_shared/feed-catalogue.ts), and for a minute at most. Explanations of one item read fresh.
 */
const catalogue = new CatalogueCache(60_000)

const ITEM_PATTERN = /^(ask|content):([1-9][0-9]{0,17})$/
const isOpportunityType = (type: string) => (OPPORTUNITY_TYPES as readonly string[]).includes(type)

const QuerySchema = z
  .object({
    cursor: z.string().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(FEED_MAX_LIMIT).optional(),
    kind: z.enum(['ask', 'content']).optional(),
    type: z.enum([...OPPORTUNITY_TYPES, ...CONTENT_KINDS]).optional(),
    item: z.string().regex(ITEM_PATTERN, 'expected ask:<id> or content:<id>').optional(),
    advocate: z.string().uuid('expected a profile id').optional(),
  })
  .strict()
  .superRefine((query, ctx) => {
    if (query.kind && query.type && (query.kind === 'ask') !== isOpportunityType(query.type)) {
      ctx.addIssue({ code: 'custom', path: ['type'], message: `${query.type} is not a type of ${query.kind}` })
    }
    if (query.item && (query.cursor || query.limit !== undefined || query.kind || query.type)) {
      ctx.addIssue({ code: 'custom', path: ['item'], message: 'item cannot be combined with cursor, limit, kind or type' })
    }
  })
const USAGE = `use ?cursor=…&limit=1–${FEED_MAX_LIMIT}&kind=ask|content&type=…, or ?item=ask:<id>|content:<id>; admins may add &advocate=<profile id>`

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

  const verified = await verifyCaller(req, env)
  const callerId = verified?.kind === 'user' ? verified.id : null
  const serviceCall = verified?.kind === 'service'
  if (!callerId && !serviceCall) return errorResponse(401, 'unauthorized', 'sign in to see your feed')

  const parsed = QuerySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue.path.length ? `${issue.path.join('.')}: ` : ''
    return errorResponse(400, 'invalid_query', `${where}${issue.message} (${USAGE})`)
  }
  const { cursor, limit, kind, type, item, advocate } = parsed.data
  const service = createServiceClient(env)
  let context: FeedContext
  if (advocate) {
    // The program's view of someone: admins and the service role only, read as the service role.
    if (!serviceCall && !(await isLiveAdmin(service, callerId!))) {
      return errorResponse(403, 'forbidden', 'only program admins may read another advocate’s feed')
    }
    const { count, error } = await service.from('profiles').select('id', { count: 'exact', head: true }).eq('id', advocate)
    if (error) throw new Error(`could not look up advocate ${advocate}: ${error.message}`)
    if (!count) return errorResponse(404, 'not_found', `there is no advocate ${advocate}`)
    context = { caller: service, service, profileId: advocate, now: new Date().toISOString(), forAdmin: true }
  } else {
    if (!callerId) return errorResponse(400, 'invalid_query', `the service role must name an advocate (${USAGE})`)
    context = { caller: createCallerClient(req, env), service, profileId: callerId, now: new Date().toISOString(), forAdmin: false }
  }
  if (item) {
    const [, itemKind, id] = ITEM_PATTERN.exec(item)!
    return explain(context, { kind: itemKind as ItemKey['kind'], id })
  }

  // The shared catalogue cache holds what every advocate sees; the admin path reads fresh.
  const inputs = await loadFeedInputs({ ...context, catalogue: context.forAdmin ? undefined : catalogue })
  const settings = limit === undefined ? inputs.settings : { ...inputs.settings, pageSize: limit }

  let page
  try {
    page = rankFeed({
      advocate: inputs.advocate,
      opportunities: inputs.opportunities,
      content: inputs.content,
      catalogue: inputs.prepared,
      ledger: inputs.ledger,
      interactions: inputs.interactions,
      settings,
      cursor: cursor ?? null,
      filter: { kind, type },
    })
  } catch (error) {
    if (error instanceof FeedCursorError) {
      const status = error.code === 'expired' || error.code === 'stale' ? 409 : 400
      return errorResponse(status, error.code, error.message)
    }
    throw error
  }

  const eligibility = evaluateEligibility(inputs.advocate, inputs.settings)
  const body: FeedResponse = {
    items: page.items.map((item) => toResponseItem(item, inputs.opportunityDisplay, inputs.contentDisplay)),
    nextCursor: page.nextCursor,
    asksPaused: !eligibility.eligible,
  }
  if (!context.forAdmin) return json(body, 200, { 'Cache-Control': 'private, no-store' })
  const forAdmin: AdminFeedResponse = { ...body, eligibility: { eligible: eligibility.eligible, reasons: eligibility.reasons } }
  return json(forAdmin, 200, { 'Cache-Control': 'private, no-store' })
}

type FeedContext = Parameters<typeof loadFeedInputs>[0] & { forAdmin: boolean }

/** The caller's role as Auth has it now: a demoted admin's token still says admin for up to an hour. */
async function isLiveAdmin(service: ReturnType<typeof createServiceClient>, userId: string): Promise<boolean> {
  const { data, error } = await service.auth.admin.getUserById(userId)
  if (error) {
    if (error.status === 404) return false
    throw new Error(`could not read the caller's role: ${error.message}`)
  }
  return data.user?.app_metadata?.role === 'admin'
}

/** One item, explained by the engine; 404 unless RLS lets the caller see it. */
async function explain(context: FeedContext, key: ItemKey): Promise<Response> {
  const inputs = await loadFeedInputs({ ...context, item: key })
  const explanation = explainItem(inputs, key)
  if (explanation.item === null) {
    // Not live (a draft, paused or unpublished row): only those who may see the row learn that.
    const table = key.kind === 'ask' ? 'opportunities' : 'content_items'
    const { data, error } = await context.caller.from(table).select('id').eq('id', Number(key.id)).maybeSingle()
    if (error) throw new Error(`could not look up ${key.kind} ${key.id}: ${error.message}`)
    if (!data) return errorResponse(404, 'not_found', `there is no ${key.kind} ${key.id} you can see`)
  }
  const body: FeedItemExplanation = {
    item: explanation.item && toResponseItem(explanation.item, inputs.opportunityDisplay, inputs.contentDisplay),
    offerable: explanation.offerable,
    blockedBy: explanation.blockedBy,
    hiddenBecause: explanation.hiddenBecause,
    asksPaused: !explanation.eligibility.eligible,
  }
  if (!context.forAdmin) return json(body, 200, { 'Cache-Control': 'private, no-store' })
  const eligibility = { eligible: explanation.eligibility.eligible, reasons: explanation.eligibility.reasons }
  return json({ ...body, eligibility } satisfies AdminFeedItemExplanation, 200, { 'Cache-Control': 'private, no-store' })
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
