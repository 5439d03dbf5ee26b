/**
 * `npm run sb -- start|stop|status|reset`, shaped like the Supabase CLI so habits carry over.
 *
 *   start [--detach] [--functions=eager]   foreground by default; --detach returns once ready
 *   status [-o env|json]                   URLs, keys and log files of the running stack
 *   stop                                   stops every process the stack started
 *   reset                                  re-creates the database: bootstrap, migrations, seed
 */
import { spawn } from 'node:child_process'
import { appendFileSync, existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadConfig, type StackConfig } from './config.ts'
import { StackStartError } from './postgres/cluster.ts'
import { logPaths } from './logs.ts'
import { isProcessAlive, waitForExit } from './process.ts'
import { readState } from './state.ts'
import { cleanUpStale, startStack } from './supervisor.ts'
import { formatStatus } from './status.ts'

const SUPERVISE = '__supervise'

async function main(argv: string[]): Promise<number> {
  const [command = 'help', ...rest] = argv
  const flags = new Set(rest)
  const env = { ...process.env }
  if (flags.has('--functions=eager')) env.SB_LOCAL_FUNCTIONS = 'eager'
  const config = loadConfig({ env })

  switch (command) {
    case 'start':
      return flags.has('--detach') ? startDetached(config, rest) : startForeground(config)
    case SUPERVISE:
      return supervise(config, flags.has('--fresh'))
    case 'stop':
      return stop(config)
    case 'status':
      return status(config, rest)
    case 'reset':
      return reset(config, rest)
    default:
      console.log('usage: npm run sb -- start [--detach] [--functions=eager] | stop | status [-o env|json] | reset')
      return command === 'help' ? 0 : 1
  }
}

/** The stack answers when its supervisor lives and Auth answers through the gateway. */
async function runningState(config: StackConfig) {
  const state = readState(config.stateDir)
  if (!state || !isProcessAlive(state.supervisorPid)) return undefined
  try {
    const response = await fetch(`http://127.0.0.1:${state.ports.api}/auth/v1/health`, { signal: AbortSignal.timeout(2000) })
    return response.ok ? state : undefined
  } catch {
    return undefined
  }
}

async function startForeground(config: StackConfig, fresh = false): Promise<number> {
  const running = await runningState(config)
  if (running) {
    console.log(formatStatus(config, running))
    return 0
  }
  await cleanUpStale(config)
  const stack = await startStack(config, { freshDatabase: fresh }).catch((error: unknown) => {
    if (!(error instanceof StackStartError)) throw error
    console.error(`supabase start failed: ${error.message} (log: ${path.relative(process.cwd(), logPaths(config.stateDir).supervisor)})`)
    return undefined
  })
  if (!stack) return 1
  console.log(formatStatus(config, stack.state))
  let stopping = false
  const shutdown = async () => {
    if (stopping) return
    stopping = true
    await stack.stop()
    process.exit(0)
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
  // A service given up on after repeated crashes is reported; the rest keeps serving until Ctrl-C.
  stack.crashed.catch((error: Error) => console.error(error.message))
  return new Promise<number>(() => {})
}

/** The detached supervisor reports readiness (or the one-line reason it failed) over IPC. */
async function supervise(config: StackConfig, fresh: boolean): Promise<number> {
  // Whatever kills the supervisor during start (a spawn error nobody listens for…) still reaches
  // the log and the waiting `start`, instead of a bare exit code.
  let ready = false
  const fatal = (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error)
    writeSupervisorLog(config, `${ready ? 'supervisor crashed' : 'start failed'}: ${error instanceof Error ? error.stack : message}`)
    if (process.connected && process.send) process.send({ type: 'error', message: message.split('\n')[0] }, () => process.exit(1))
    else process.exit(1)
  }
  process.on('uncaughtException', fatal)
  process.on('unhandledRejection', fatal)
  try {
    const stack = await startStack(config, { freshDatabase: fresh })
    ready = true
    process.send?.({ type: 'ready' })
    process.disconnect?.()
    const shutdown = () => void stack.stop().then(() => process.exit(0))
    process.on('SIGINT', shutdown)
    process.on('SIGTERM', shutdown)
    // A service given up on is in the supervisor log; the others keep running until `stop`.
    await new Promise<never>(() => {})
    return 0
  } catch (error) {
    process.send?.({ type: 'error', message: error instanceof Error ? error.message : String(error) })
    return 1
  }
}

async function startDetached(config: StackConfig, rest: string[], fresh = false): Promise<number> {
  const running = await runningState(config)
  if (running) {
    console.log(formatStatus(config, running))
    return 0
  }
  await cleanUpStale(config)
  const args = [...process.execArgv, fileURLToPath(import.meta.url), SUPERVISE, ...rest.filter((a) => a !== '--detach')]
  if (fresh) args.push('--fresh')
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    env: process.env,
    cwd: config.projectRoot,
  })
  const outcome = await new Promise<{ type: 'ready' } | { type: 'error'; message: string }>((resolve) => {
    child.once('message', (message) => resolve(message as { type: 'ready' } | { type: 'error'; message: string }))
    child.once('exit', (code) => resolve({ type: 'error', message: `the stack supervisor exited with code ${code}` }))
  })
  if (outcome.type === 'error') {
    const log = logPaths(config.stateDir).supervisor
    if (!existsSync(log)) writeSupervisorLog(config, `start failed: ${outcome.message}`)
    console.error(`supabase start failed: ${outcome.message} (log: ${path.relative(process.cwd(), log) || log})`)
    if (child.pid && isProcessAlive(child.pid)) await waitForExit(child.pid, 15_000)
    return 1
  }
  child.unref()
  child.disconnect()
  const state = readState(config.stateDir)
  if (state) console.log(formatStatus(config, state))
  return 0
}

async function stop(config: StackConfig): Promise<number> {
  const state = readState(config.stateDir)
  if (!state || !isProcessAlive(state.supervisorPid)) {
    await cleanUpStale(config)
    console.log('The local stack is not running.')
    return 0
  }
  process.kill(state.supervisorPid, 'SIGTERM')
  // Each service gets up to 10 s; the supervisor stops them one after another.
  if (!(await waitForExit(state.supervisorPid, 60_000))) {
    await cleanUpStale(config)
  }
  console.log('Stopped the local stack.')
  return 0
}

async function status(config: StackConfig, rest: string[]): Promise<number> {
  const state = await runningState(config)
  if (!state) {
    console.error('The local stack is not running. Start it with `npm run supabase:start`.')
    return 1
  }
  const outputIndex = rest.indexOf('-o')
  const format = outputIndex >= 0 ? rest[outputIndex + 1] : rest.find((a) => a.startsWith('--output='))?.slice(9)
  console.log(formatStatus(config, state, format === 'env' || format === 'json' ? format : 'pretty'))
  return 0
}

async function reset(config: StackConfig, rest: string[]): Promise<number> {
  const wasRunning = Boolean(await runningState(config))
  if (wasRunning) await stop(config)
  await cleanUpStale(config)
  console.log(`Re-creating the database in ${path.relative(process.cwd(), config.stateDir) || '.'}/pgdata …`)
  // A reset always leaves the stack running, as `supabase db reset` does.
  return startDetached(config, rest, true)
}

/** Synchronous, so that it is on disk even when the process is about to die. */
function writeSupervisorLog(config: StackConfig, line: string) {
  const log = logPaths(config.stateDir).supervisor
  mkdirSync(path.dirname(log), { recursive: true })
  appendFileSync(log, `${new Date().toISOString()} ${line}\n`)
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof StackStartError ? error.message : error instanceof Error ? error.stack : error)
    process.exit(1)
  },
)
