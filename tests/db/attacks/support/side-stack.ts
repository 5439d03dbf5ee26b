/**
 * A second API front on this file's database, in a mode the `db` stack does not run in: its own
 * PostgREST (the real binary, the project's schema) and gateway, with user tokens signed by a
 * fresh ES256 key, as hosted Supabase's JWT signing keys and CLI ≥ 2.71 do. The db stack runs
 * in HS256, so without this the ES256 attacks (algorithm confusion above all) would only run
 * when someone starts the whole db project with SB_LOCAL_JWT_MODE=ES256.
 *
 * Functions behind this gateway are a recording stub: what is tested is the gateway's
 * `verify_jwt` with the project's `[functions.*]` settings, i.e. whether a request reaches a
 * function at all. The real functions answer behind the db stack's own gateway.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { loadConfig, PROJECT_ROOT, type StackConfig } from '../../../../supabase/local/config.ts'
import type { FunctionsRunner } from '../../../../supabase/local/functions/runner.ts'
import { startGateway } from '../../../../supabase/local/gateway/server.ts'
import { createTokenSigner, type TokenSigner } from '../../../../supabase/local/keys.ts'
import { startPostgrest } from '../../../../supabase/local/postgrest.ts'
import { stack } from '../../../stack/support/stack.ts'

export interface SideStack {
  url: string
  signer: TokenSigner
  /** Slugs of the function requests the gateway let through. */
  reached: string[]
  stop(): Promise<void>
}

async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

export async function startSideStack(jwtMode: 'HS256' | 'ES256'): Promise<SideStack> {
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'attack-side-stack-'))
  const base = loadConfig({
    projectRoot: PROJECT_ROOT,
    env: { SB_LOCAL_JWT_MODE: jwtMode, SB_LOCAL_STATE_DIR: stateDir } as unknown as NodeJS.ProcessEnv,
  })
  const config: StackConfig = {
    ...base,
    ports: { ...base.ports, db: Number(new URL(stack.dbUrl).port), rest: await freePort(), restAdmin: await freePort() },
    local: { ...base.local, jwtMode },
  }
  const signer = await createTokenSigner(jwtMode, stateDir)
  const postgrest = await startPostgrest(config, signer, () => {})
  const reached: string[] = []
  const functions: FunctionsRunner = {
    handle(_req, res, slug) {
      reached.push(slug)
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end('{"reached":true}')
    },
    warmAll: async () => {},
    stop: async () => {},
  }
  const restUrl = `http://127.0.0.1:${config.ports.rest}`
  const gateway = await startGateway({ config, signer, upstreams: { auth: restUrl, rest: restUrl }, functions, port: 0, log: () => {} })
  return {
    url: `http://127.0.0.1:${gateway.port}`,
    signer,
    reached,
    async stop() {
      await gateway.stop()
      await postgrest.stop()
      rmSync(stateDir, { recursive: true, force: true })
    },
  }
}
