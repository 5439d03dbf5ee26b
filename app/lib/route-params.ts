import { z } from 'zod'

const IdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER)

/** A numeric id from the URL; anything else is a 404 with `notFound` as its message, never a 500. */
export function parseIdParam(raw: string | undefined, notFound: string): number {
  const id = IdSchema.safeParse(raw)
  if (!id.success) throw new Response(notFound, { status: 404 })
  return id.data
}
