/** Small process and port utilities the supervisor and CLI share. */
import { readFileSync } from 'node:fs'
import net from 'node:net'

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (error) {
    // EPERM: it exists but belongs to another user (e.g. the postgres OS user).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false
  }
  return !isZombie(pid)
}

/**
 * An orphan that exited stays a zombie until PID 1 reaps it, and containers often have no
 * init that does. A zombie still answers kill(pid, 0), but it holds no port and no file.
 */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z'
  } catch {
    return false // no /proc (macOS): kill(pid, 0) is all we know
  }
}

export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid)) return true
    await delay(50)
  }
  return !isProcessAlive(pid)
}

/** True when nothing listens on 127.0.0.1:port. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once('error', () => resolve(false))
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)))
  })
}

export async function waitFor(
  check: () => Promise<boolean>,
  { timeoutMs, intervalMs = 50, what }: { timeoutMs: number; intervalMs?: number; what: string },
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return
    await delay(intervalMs)
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)
}

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * A child's complete environment. Typed loosely on purpose: @remix-run/node's globals make
 * NODE_ENV a required key of ProcessEnv, which child processes of the stack do not need.
 */
export function childEnv(vars: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return vars as unknown as NodeJS.ProcessEnv
}

/** Resolves true when `promise` settles within `ms`, false otherwise; never keeps the event loop alive. */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms)
  })
  try {
    return await Promise.race([promise.then(() => true as const), timeout])
  } finally {
    clearTimeout(timer)
  }
}
