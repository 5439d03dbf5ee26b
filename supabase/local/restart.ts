/**
 * Keeps one child service running: when it exits without being asked to, it is started again
 * after a growing pause (0.25 s, 0.5 s, 1 s, … capped), as Docker's restart policy would. After
 * too many crashes in a short window the service is given up on, loudly, and the rest of the
 * stack stays up (ADR 012).
 */
import type { Logger } from './types.ts'
import { delay } from './process.ts'

export interface RestartableHandle {
  pid: number | undefined
  /** Settles when the process exits for any reason. */
  exited: Promise<unknown>
  stop(): Promise<void>
}

export interface RestartPolicy {
  firstDelayMs: number
  maxDelayMs: number
  /** Give up after this many crashes within `windowMs`. */
  maxCrashes: number
  windowMs: number
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { firstDelayMs: 250, maxDelayMs: 8_000, maxCrashes: 5, windowMs: 60_000 }

export interface KeptAlive<H extends RestartableHandle> {
  current(): H | undefined
  /** Rejects with the one-line reason once the service has been given up on. */
  gaveUp: Promise<never>
  stop(): Promise<void>
}

export function keepAlive<H extends RestartableHandle>(options: {
  name: string
  logFile: string
  initial: H
  start: () => Promise<H>
  log: Logger
  onRestarted?: (handle: H) => void
  policy?: RestartPolicy
}): KeptAlive<H> {
  const policy = options.policy ?? DEFAULT_RESTART_POLICY
  const { name, log } = options
  let handle: H | undefined = options.initial
  let stopping = false
  let giveUp!: (error: Error) => void
  const gaveUp = new Promise<never>((_, reject) => (giveUp = reject))
  gaveUp.catch(() => {}) // observed by whoever awaits it; never an unhandled rejection
  const crashes: number[] = []

  const watch = async () => {
    while (handle && !stopping) {
      await handle.exited
      if (stopping) return
      handle = undefined
      let restarted: H | undefined
      while (!restarted && !stopping) {
        const now = Date.now()
        crashes.push(now)
        while (crashes.length > 0 && crashes[0] < now - policy.windowMs) crashes.shift()
        if (crashes.length > policy.maxCrashes) {
          const message = `${name} crashed ${crashes.length} times in ${Math.round(policy.windowMs / 1000)} s; not restarting it again. Read ${options.logFile}`
          log(message)
          giveUp(new Error(message))
          return
        }
        const wait = Math.min(policy.firstDelayMs * 2 ** (crashes.length - 1), policy.maxDelayMs)
        log(
          `${name} exited unexpectedly; restarting it in ${wait} ms (crash ${crashes.length} of at most ${policy.maxCrashes} in ${Math.round(policy.windowMs / 1000)} s)`,
        )
        await delay(wait)
        if (stopping) return
        try {
          restarted = await options.start()
        } catch (error) {
          log(`restarting ${name} failed: ${error instanceof Error ? error.message : error}`)
        }
      }
      if (!restarted) return
      if (stopping) {
        await restarted.stop()
        return
      }
      handle = restarted
      log(`${name} restarted (pid ${restarted.pid})`)
      options.onRestarted?.(restarted)
    }
  }
  const watching = watch()

  return {
    current: () => handle,
    gaveUp,
    async stop() {
      stopping = true
      await handle?.stop()
      // A restart in flight finishes (and is stopped) before this resolves, so no child outlives stop().
      await watching
    },
  }
}
