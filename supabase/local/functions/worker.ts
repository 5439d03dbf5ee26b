/**
 * One Deno process serving one function slug. It listens on an ephemeral 127.0.0.1 port
 * chosen by Deno itself (no port race) and reports it through a stdout marker.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { PROJECT_ROOT } from '../config.ts'
import type { Logger } from '../types.ts'
import type { FunctionEntry } from './discovery.ts'

const HOST_SCRIPT = fileURLToPath(new URL('./deno-host.js', import.meta.url))
const READY_MARKER = '__SB_FUNCTION_READY__ '
const DENO_BIN = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'deno')
/** A cold start with supabase-js takes well under a second; this only catches hangs. */
const BOOT_TIMEOUT_MS = 30_000
const STOP_GRACE_MS = 5_000

export class BootError extends Error {}

export interface FunctionWorker {
  slug: string
  /** Resolves with the port once the function answers; rejects with BootError. */
  ready: Promise<number>
  isAlive(): boolean
  stop(): Promise<void>
}

export interface SpawnOptions {
  entry: FunctionEntry
  env: Record<string, string>
  supabaseDir: string
  denoDir: string
  log: Logger
}

export function spawnWorker(o: SpawnOptions): FunctionWorker {
  const { slug } = o.entry
  const args = [
    'run',
    '--cached-only',
    '--no-prompt',
    // Beside package.json and node_modules, so `npm:` imports resolve offline from the repo
    // even when the functions live in a fixture project elsewhere.
    '--config',
    path.join(PROJECT_ROOT, 'deno.json'),
    ...(o.entry.importMap ? ['--import-map', o.entry.importMap] : []),
    '--allow-net',
    '--allow-env',
    `--allow-read=${[PROJECT_ROOT, o.supabaseDir, o.denoDir].join(',')}`,
    HOST_SCRIPT,
    pathToFileURL(o.entry.entrypoint).href,
  ]
  // The cast: ambient app types make NODE_ENV required, but functions get exactly §5.2's variables.
  const child = spawn(DENO_BIN, args, {
    env: o.env as NodeJS.ProcessEnv,
    cwd: path.dirname(o.entry.entrypoint),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let exited = false

  const ready = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new BootError(`did not start listening within ${BOOT_TIMEOUT_MS} ms`))
      child.kill('SIGKILL')
    }, BOOT_TIMEOUT_MS)
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith(READY_MARKER)) {
        clearTimeout(timer)
        resolve(Number(line.slice(READY_MARKER.length)))
      } else o.log(`[${slug}] ${line}`)
    })
    createInterface({ input: child.stderr! }).on('line', (line) => o.log(`[${slug}] ${line}`))
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(new BootError(`could not start deno: ${error.message}`))
    })
    child.on('exit', (code, signal) => {
      exited = true
      clearTimeout(timer)
      reject(new BootError(`exited during boot (${signal ?? `code ${code}`})`))
      o.log(`[${slug}] process exited (${signal ?? `code ${code}`})`)
    })
  })
  // Callers observe `ready`; this keeps an unobserved boot failure from crashing the host.
  ready.catch(() => {})

  return {
    slug,
    ready,
    isAlive: () => !exited && child.exitCode === null && child.signalCode === null,
    stop: () => stopChild(child, () => exited),
  }
}

function stopChild(child: ChildProcess, hasExited: () => boolean): Promise<void> {
  if (hasExited() || child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS)
    child.once('exit', () => {
      clearTimeout(kill)
      resolve()
    })
    child.kill('SIGTERM')
  })
}
