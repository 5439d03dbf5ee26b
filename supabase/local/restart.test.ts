import { describe, expect, it } from 'vitest'
import { keepAlive, type RestartableHandle } from './restart.ts'

/** A stand-in child process: `crash()` makes it exit as a SIGKILL would. */
function fakeService() {
  let started = 0
  const handles: Array<RestartableHandle & { crash(): void; stopped: boolean }> = []
  const start = async () => {
    let exit!: () => void
    const exited = new Promise<void>((resolve) => (exit = resolve))
    const handle = {
      pid: ++started,
      exited,
      stopped: false,
      crash: () => exit(),
      async stop() {
        handle.stopped = true
        exit()
      },
    }
    handles.push(handle)
    return handle
  }
  return { start, handles, started: () => started }
}

async function eventually(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5))
  expect(check()).toBe(true)
}

const policy = { firstDelayMs: 1, maxDelayMs: 4, maxCrashes: 3, windowMs: 60_000 }

describe('keepAlive', () => {
  it('restarts a crashed service, with growing pauses, and reports the new handle', async () => {
    const service = fakeService()
    const log: string[] = []
    const restarted: number[] = []
    const kept = keepAlive({
      name: 'PostgREST',
      logFile: '/logs/postgrest.log',
      initial: await service.start(),
      start: service.start,
      log: (l) => log.push(l),
      onRestarted: (h) => restarted.push(h.pid!),
      policy,
    })
    service.handles[0].crash()
    await eventually(() => restarted.length === 1)
    service.handles[1].crash()
    await eventually(() => restarted.length === 2)
    expect(kept.current()?.pid).toBe(3)
    expect(log.filter((l) => l.includes('restarting it in'))).toEqual([
      expect.stringContaining('restarting it in 1 ms'),
      expect.stringContaining('restarting it in 2 ms'),
    ])
    await kept.stop()
    expect(service.handles[2].stopped).toBe(true)
  })

  it('gives up, naming the service and its log, after too many crashes in the window, and a failed start counts', async () => {
    const service = fakeService()
    let failNext = true
    const start = async () => {
      if (failNext) {
        failNext = false
        throw new Error('port in use')
      }
      return service.start()
    }
    const log: string[] = []
    const kept = keepAlive({
      name: 'Postgres',
      logFile: '/logs/postgres.log',
      initial: await service.start(),
      start,
      log: (l) => log.push(l),
      policy,
    })
    service.handles[0].crash() // crash 1, then a failed start (crash 2), then started
    await eventually(() => service.started() === 2)
    service.handles[1].crash() // crash 3
    await eventually(() => service.started() === 3)
    service.handles[2].crash() // crash 4: more than 3 in the window
    await expect(kept.gaveUp).rejects.toThrow('Postgres crashed 4 times in 60 s; not restarting it again. Read /logs/postgres.log')
    expect(service.started()).toBe(3)
    expect(log).toContain('restarting Postgres failed: port in use')
    await kept.stop()
  })

  it('does not restart a service that was asked to stop', async () => {
    const service = fakeService()
    const kept = keepAlive({
      name: 'PostgREST',
      logFile: '/x',
      initial: await service.start(),
      start: service.start,
      log: () => {},
      policy,
    })
    await kept.stop()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(service.started()).toBe(1)
  })
})
