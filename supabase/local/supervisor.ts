/**
 * Starts every service of the local stack in dependency order and owns their lifetimes:
 * Postgres → (bootstrap, migrations, seed on a fresh cluster) → PostgREST → inbox → Auth
 * → functions runner → gateway. Stopping goes in reverse. If Postgres or PostgREST dies
 * after the stack is ready it is restarted with backoff while the rest stays up; after repeated
 * crashes it is given up on, loudly (ADR 012). Function workers respawn on their next request.
 */
import { rmSync } from 'node:fs'
import path from 'node:path'
import { stackUrls, type StackConfig } from './config.ts'
import { createTokenSigner } from './keys.ts'
import { ServiceLogs } from './logs.ts'
import { applyDatabase, applyPendingMigrations } from './postgres/apply.ts'
import { startPostgres, stopOrphanPostmaster, StackStartError } from './postgres/cluster.ts'
import { startPostgrest } from './postgrest.ts'
import { isPortFree, isProcessAlive, waitForExit } from './process.ts'
import { startAuthServer } from './auth/server.ts'
import { startInbox } from './inbox/server.ts'
import { createFunctionsRunner } from './functions/runner.ts'
import { startGateway } from './gateway/server.ts'
import { readState, writeState, type StackState } from './state.ts'
import { keepAlive, type RestartPolicy } from './restart.ts'

export interface RunningStack {
  config: StackConfig
  state: StackState
  /**
   * Rejects with one line naming the service and its log when a crashed service has been given
   * up on after repeated crashes. The other services keep running; `stop()` still stops them.
   */
  crashed: Promise<never>
  stop(): Promise<void>
}

const PORT_LABELS = {
  api: 'API gateway',
  db: 'Postgres',
  inbox: 'mail inbox',
  rest: 'PostgREST',
  restAdmin: 'PostgREST admin',
  auth: 'Auth',
} as const

export async function assertPortsFree(config: StackConfig): Promise<void> {
  for (const [key, port] of Object.entries(config.ports) as [keyof typeof PORT_LABELS, number][]) {
    if (!(await isPortFree(port))) {
      throw new StackStartError(
        `Port ${port} (${PORT_LABELS[key]}) is already in use. Stop whatever listens there ` +
          '(another `supabase start`, or a stack from another checkout), or change the port in supabase/config.toml.',
      )
    }
  }
}

export async function startStack(
  config: StackConfig,
  options: { freshDatabase?: boolean; restartPolicy?: RestartPolicy } = {},
): Promise<RunningStack> {
  const started = performance.now()
  const logs = new ServiceLogs(config.stateDir)
  const log = logs.logger('supervisor')
  const urls = stackUrls(config)
  const stops: Array<{ name: string; stop: () => Promise<void> }> = []
  const onStop = (name: string, stop: () => Promise<void>) => stops.push({ name, stop })
  const stopAll = async () => {
    for (const { name, stop } of stops.reverse().splice(0)) {
      log(`stopping ${name}`)
      await stop().catch((e) => log(`stopping ${name} failed: ${e}`))
    }
    log('stopped')
    await logs.close()
  }

  try {
    const dataDir = path.join(config.stateDir, 'pgdata')
    await stopOrphanPostmaster(dataDir, log)
    await assertPortsFree(config)
    if (options.freshDatabase) rmSync(dataDir, { recursive: true, force: true })

    const startDatabase = () => startPostgres({ dataDir, port: config.ports.db, log: logs.logger('postgres') })
    const postgres = await startDatabase()
    // Until the stack is ready a failure stops these handles; after it, their keepers (below).
    let stopPostgres = () => postgres.stop()
    onStop('postgres', () => stopPostgres())
    if (postgres.fresh) await applyDatabase(config, urls.db, log)
    else await applyPendingMigrations(config, urls.db, log)

    const signer = await createTokenSigner(config.local.jwtMode, config.stateDir)
    const startRest = () => startPostgrest(config, signer, logs.logger('postgrest'))
    const postgrest = await startRest()
    let stopPostgrest = () => postgrest.stop()
    onStop('PostgREST', () => stopPostgrest())

    const inbox = await startInbox({ port: config.ports.inbox, log: logs.logger('inbox') })
    onStop('inbox', () => inbox.stop())

    const auth = await startAuthServer({
      auth: config.auth,
      apiExternalUrl: urls.api,
      dbUrl: `postgresql://supabase_auth_admin:postgres@127.0.0.1:${config.ports.db}/postgres`,
      signer,
      mailer: inbox.mailer,
      log: logs.logger('auth'),
      port: config.ports.auth,
    })
    onStop('auth', () => auth.stop())

    const functions = createFunctionsRunner({
      config,
      urls: { api: urls.api, db: urls.db },
      log: logs.logger('functions'),
      stateDir: config.stateDir,
    })
    onStop('functions', () => functions.stop())
    if (config.local.functionsEager) await functions.warmAll()

    const gateway = await startGateway({
      config,
      signer,
      upstreams: { auth: auth.url, rest: `http://127.0.0.1:${config.ports.rest}` },
      functions,
      port: config.ports.api,
      log: logs.logger('gateway'),
    })
    onStop('gateway', () => gateway.stop())

    const state: StackState = {
      supervisorPid: process.pid,
      postgresPid: postgres.pid,
      postgrestPid: postgrest.pid,
      startedAt: new Date().toISOString(),
      readyInMs: Math.round(performance.now() - started),
      projectRoot: config.projectRoot,
      jwtMode: config.local.jwtMode,
      ports: config.ports,
      logs: logs.paths,
    }
    writeState(config.stateDir, state)
    log(`stack ready in ${state.readyInMs} ms`)

    // From here on a crashed Postgres or PostgREST is restarted rather than taking the stack down.
    const recordPids = () => {
      state.postgresPid = database.current()?.pid
      state.postgrestPid = rest.current()?.pid
      writeState(config.stateDir, state)
    }
    const keep = { log, policy: options.restartPolicy, onRestarted: recordPids }
    const database = keepAlive({ ...keep, name: 'Postgres', logFile: logs.paths.postgres, initial: postgres, start: startDatabase })
    const rest = keepAlive({ ...keep, name: 'PostgREST', logFile: logs.paths.postgrest, initial: postgrest, start: startRest })
    stopPostgres = () => database.stop()
    stopPostgrest = () => rest.stop()

    const crashed = Promise.race([database.gaveUp, rest.gaveUp])
    crashed.catch(() => {}) // observed by whoever awaits it; never an unhandled rejection

    let stopping: Promise<void> | undefined
    return {
      config,
      state,
      crashed,
      stop: () => (stopping ??= stopAll().then(() => clearStateFile(config.stateDir))),
    }
  } catch (error) {
    log(`start failed: ${error instanceof Error ? error.message : error}`)
    await stopAll()
    throw error
  }
}

function clearStateFile(stateDir: string) {
  rmSync(path.join(stateDir, 'state.json'), { force: true })
}

/** Leftovers of a stack that was killed: its supervisor and PostgREST. An orphan Postgres is handled at start. */
export async function cleanUpStale(config: StackConfig): Promise<void> {
  const state = readState(config.stateDir)
  if (!state) return
  for (const pid of [state.supervisorPid, state.postgrestPid]) {
    if (pid && pid !== process.pid && isProcessAlive(pid)) {
      process.kill(pid, 'SIGTERM')
      if (!(await waitForExit(pid, 10_000))) process.kill(pid, 'SIGKILL')
    }
  }
  await stopOrphanPostmaster(path.join(config.stateDir, 'pgdata'), () => {})
  clearStateFile(config.stateDir)
}
