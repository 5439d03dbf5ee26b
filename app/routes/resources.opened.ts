/**
 * POST /resources/opened (`kind=ask|content&id=…`): records that the advocate opened an item,
 * once per view. The detail pages send it with `navigator.sendBeacon` after they render, so a
 * GET never writes (a cross-site link or a revalidation no longer logs an open) and the page
 * does not revalidate for it. RLS accepts only items the advocate can see; a refusal and an id
 * that does not exist answer the same 404.
 */
import { data, type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { requireUser } from '~/lib/auth.server.ts'

const OpenedSchema = z.object({
  kind: z.enum(['ask', 'content']),
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
})

export async function loader() {
  return data({ error: 'method_not_allowed', message: 'POST kind and id to record an open.' }, { status: 405, headers: { Allow: 'POST' } })
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== 'POST') {
    return data(
      { error: 'method_not_allowed', message: 'POST kind and id to record an open.' },
      { status: 405, headers: { Allow: 'POST' } },
    )
  }
  const { user, supabase, headers } = await requireUser(request, context)
  headers.set('Cache-Control', 'private, no-store')
  const parsed = OpenedSchema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) {
    return data({ error: 'invalid_body', message: 'Send kind (ask or content) and a numeric id.' }, { status: 400, headers })
  }
  const { kind, id } = parsed.data
  const { error } = await supabase
    .from('interactions')
    .insert(
      kind === 'ask'
        ? { profile_id: user.id, item_kind: 'ask', opportunity_id: id, kind: 'opened' }
        : { profile_id: user.id, item_kind: 'content', content_item_id: id, kind: 'opened' },
    )
  if (!error) return new Response(null, { status: 204, headers })
  // 42501: RLS refused (not an item this advocate can see, or no such id; the two look alike on purpose).
  if (error.code === '42501') return data({ error: 'not_found', message: 'There is no such item you can open.' }, { status: 404, headers })
  if (error.code === 'PT429') return data({ error: 'too_many', message: error.message }, { status: 429, headers })
  throw new Error(`could not record an open: ${error.message}`)
}
