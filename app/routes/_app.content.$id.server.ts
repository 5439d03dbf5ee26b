/**
 * /content/:id: one give. The page marks it seen once rendered (an `opened` log row, POSTed to
 * /resources/opened: a GET never writes); the advocate can save it for later (`saved_items`, their own rows under RLS).
 */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { requireUser } from '~/lib/auth.server.ts'
import { formatDate } from '~/lib/dates.ts'
import { getTimeZone } from '~/lib/time-zone.server.ts'
import { parseIdParam } from '~/lib/route-params.ts'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, supabase, headers } = await requireUser(request, context)
  const id = parseIdParam(params.id, 'We couldn’t find that item.')
  const [itemRes, savedRes, timeZone] = await Promise.all([
    supabase
      .from('content_items')
      .select('id, kind, title, body, url, published_at')
      .eq('id', id)
      .not('published_at', 'is', null)
      .maybeSingle(),
    supabase.from('saved_items').select('content_item_id').eq('profile_id', user.id).eq('content_item_id', id).maybeSingle(),
    getTimeZone(supabase, user.id),
  ])
  if (itemRes.error) throw itemRes.error
  if (savedRes.error) throw savedRes.error
  if (!itemRes.data) throw new Response('This item isn’t available any more.', { status: 404 })

  const item = itemRes.data
  return data(
    {
      item: {
        id: item.id,
        kind: item.kind,
        title: item.title,
        body: item.body,
        url: item.url,
        published: formatDate(item.published_at!, timeZone, 'long'),
      },
      saved: savedRes.data !== null,
    },
    { headers },
  )
}

const SaveSchema = z.object({ intent: z.enum(['save', 'unsave']) })

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, supabase, headers } = await requireUser(request, context)
  const id = parseIdParam(params.id, 'We couldn’t find that item.')
  const parsed = SaveSchema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) return data({ error: 'Choose save or unsave.' }, { status: 400, headers })
  if (parsed.data.intent === 'save') {
    const { error } = await supabase.from('saved_items').upsert({ profile_id: user.id, content_item_id: id }, { ignoreDuplicates: true })
    if (error) {
      if (error.code === '23503' || error.code === '42501') throw new Response('This item isn’t available any more.', { status: 404 })
      throw error
    }
  } else {
    const { error } = await supabase.from('saved_items').delete().eq('profile_id', user.id).eq('content_item_id', id)
    if (error) throw error
  }
  return data({ error: null }, { headers })
}
