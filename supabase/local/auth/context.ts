/** What every route handler gets: config, the DB pool, the signer, the mailer. */
import type pg from 'pg'
import type { AuthConfig } from '../config.ts'
import type { TokenSigner } from '../keys.ts'
import type { Logger, Mailer } from '../types.ts'
import type { RateLimiter } from './rate-limit.ts'

export interface AuthContext {
  config: AuthConfig
  /** `${apiExternalUrl}/auth/v1`: the `iss` claim and the base of every mailed link. */
  externalAuthUrl: string
  pool: pg.Pool
  signer: TokenSigner
  mailer: Mailer
  log: Logger
  limiter: RateLimiter
}

/** Anything that can run a query: the pool, or a client inside a transaction. */
export type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>

/** Users live under the nil instance id, like every GoTrue-created row. */
export const NIL_INSTANCE_ID = '00000000-0000-0000-0000-000000000000'

export async function withTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  try {
    await client.query('begin')
    const result = await work(client)
    await client.query('commit')
    return result
  } catch (error) {
    await client.query('rollback').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}
