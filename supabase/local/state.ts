/** `<stateDir>/state.json`: what a running stack wrote about itself, read by `status` and `stop`. */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { StackConfig } from './config.ts'
import type { ServiceName } from './logs.ts'

export interface StackState {
  supervisorPid: number
  postgresPid?: number
  postgrestPid?: number
  startedAt: string
  readyInMs: number
  projectRoot: string
  jwtMode: 'HS256' | 'ES256'
  ports: StackConfig['ports']
  logs: Record<ServiceName, string>
}

export function statePath(stateDir: string) {
  return path.join(stateDir, 'state.json')
}

export function readState(stateDir: string): StackState | undefined {
  const file = statePath(stateDir)
  if (!existsSync(file)) return undefined
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StackState
  } catch {
    return undefined
  }
}

/** Written atomically, so a reader never sees half a file. */
export function writeState(stateDir: string, state: StackState) {
  const file = statePath(stateDir)
  writeFileSync(`${file}.tmp`, JSON.stringify(state, null, 2))
  renameSync(`${file}.tmp`, file)
}
