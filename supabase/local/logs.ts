/** One log file per service under `<stateDir>/logs/`, the paths `supabase:status` prints. */
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs'
import path from 'node:path'
import type { Logger } from './types.ts'

export const SERVICE_NAMES = ['postgres', 'postgrest', 'auth', 'gateway', 'inbox', 'functions', 'supervisor'] as const
export type ServiceName = (typeof SERVICE_NAMES)[number]

export function logPaths(stateDir: string): Record<ServiceName, string> {
  const dir = path.join(stateDir, 'logs')
  return Object.fromEntries(SERVICE_NAMES.map((name) => [name, path.join(dir, `${name}.log`)])) as Record<ServiceName, string>
}

export class ServiceLogs {
  private streams = new Map<ServiceName, WriteStream>()
  readonly paths: Record<ServiceName, string>

  constructor(stateDir: string) {
    this.paths = logPaths(stateDir)
    mkdirSync(path.join(stateDir, 'logs'), { recursive: true })
  }

  logger(name: ServiceName): Logger {
    return (line: string) => {
      let stream = this.streams.get(name)
      if (!stream) {
        stream = createWriteStream(this.paths[name], { flags: 'a' })
        this.streams.set(name, stream)
      }
      stream.write(`${new Date().toISOString()} ${line}\n`)
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.streams.values()].map((s) => new Promise<void>((resolve) => s.end(resolve))))
    this.streams.clear()
  }
}
