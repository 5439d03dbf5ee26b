/**
 * CORS for browser callers. Hosted Supabase (and the local gateway in `function` CORS mode)
 * passes preflights and responses through untouched, so every function answers them itself.
 */
export const corsHeaders: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'authorization, x-client-info, apikey, content-type',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
}

/** The answer to an `OPTIONS` preflight. */
export function preflight(): Response {
  return new Response(null, { status: 204, headers: corsHeaders })
}
