/**
 * Runs a command (the production server, or Vite) on top of the local stack. It reuses a stack
 * already started with `npm run supabase:start`; otherwise it starts one for as long as the
 * command runs, so Ctrl-C stops everything it started.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { loadConfig, stackUrls } from '../supabase/local/config.ts'
import { ANON_KEY, SERVICE_ROLE_KEY } from '../supabase/local/keys.ts'
import { readState } from '../supabase/local/state.ts'
import { isProcessAlive } from '../supabase/local/process.ts'
import { cleanUpStale, startStack, type RunningStack } from '../supabase/local/supervisor.ts'
import { formatStatus } from '../supabase/local/status.ts'

export async function runWithStack(steps: Array<{ command: string; args: string[] }>) {
  const config = loadConfig()
  const existing = readState(config.stateDir)
  let stack: RunningStack | undefined
  if (existing && isProcessAlive(existing.supervisorPid)) {
    console.log('Using the local stack that is already running.')
  } else {
    await cleanUpStale(config)
    stack = await startStack(config)
    console.log(formatStatus(config, stack.state))
  }

  const urls = stackUrls(config)
  const env = {
    ...process.env,
    SUPABASE_URL: urls.api,
    SUPABASE_ANON_KEY: ANON_KEY,
    SUPABASE_SERVICE_ROLE_KEY: SERVICE_ROLE_KEY,
  }
  let current: ChildProcess | undefined
  let stopping = false
  const shutdown = async (code: number) => {
    if (stopping) return
    stopping = true
    current?.kill('SIGTERM')
    await stack?.stop()
    process.exit(code)
  }
  process.on('SIGINT', () => void shutdown(0))
  process.on('SIGTERM', () => void shutdown(0))
  // A service the stack gave up on after repeated crashes is named; the portal keeps answering (503s).
  stack?.crashed.catch((error: Error) => console.error(error.message))

  for (const step of steps) {
    current = spawn(step.command, step.args, { stdio: 'inherit', env })
    const code = await new Promise<number>((resolve) => current!.once('exit', (c) => resolve(c ?? 1)))
    if (stopping) return
    if (code !== 0) {
      console.error(`${[step.command, ...step.args].join(' ')} exited with code ${code}`)
      return shutdown(code)
    }
  }
  await shutdown(0)
}
