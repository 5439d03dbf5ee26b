/**
 * Issue 9 §7: a function a migration adds to `public` is not callable by the API roles until the
 * migration grants it. (Postgres grants EXECUTE to PUBLIC by default; a per-schema revoke cannot
 * take that away, only a global one for the migration role can.) Lint H004 covers what exists.
 */
import { expect, test } from 'vitest'
import { db } from '../../stack/support/stack.ts'

test.each(['public', 'private'])('a new function in %s is executable by neither anon nor authenticated', async (schema) => {
  const client = await db.connect()
  try {
    await client.query('begin')
    // As the role migrations run as (Supabase's `postgres`), not the superuser this pool signs in as.
    await client.query('set local role postgres')
    await client.query(`create function ${schema}.attack_new_function() returns int language sql set search_path = '' as $$ select 1 $$`)
    const { rows } = await client.query(
      `select has_function_privilege('anon', '${schema}.attack_new_function()', 'execute') as anon,
              has_function_privilege('authenticated', '${schema}.attack_new_function()', 'execute') as authenticated`,
    )
    expect(rows[0]).toEqual({ anon: false, authenticated: false })
  } finally {
    await client.query('rollback')
    client.release()
  }
})
