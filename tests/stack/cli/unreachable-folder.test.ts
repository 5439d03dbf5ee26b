/**
 * Issue 10 §7: as root, Postgres runs as the OS user `postgres`. Started where that user cannot
 * enter (a `mktemp -d` folder is mode 700), the stack used to die with "the stack supervisor
 * exited with code 1" and no log. Now it stops with one line that says what to do and names a
 * log that exists.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { PROJECT_ROOT } from '../../../supabase/local/config.ts'
import { isPortFree } from '../../../supabase/local/process.ts'

const PORT_BASE = 27830
const PORTS = [PORT_BASE, PORT_BASE + 1, PORT_BASE + 3, PORT_BASE + 9, PORT_BASE + 10, PORT_BASE + 11]
const privateFolder = mkdtempSync(path.join(tmpdir(), 'sb-unreachable-'))
const stateDir = path.join(privateFolder, '.supabase-local')

function cli(args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'supabase/local/cli.ts'), ...args], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        SB_LOCAL_PROJECT_ROOT: path.join(PROJECT_ROOT, 'tests/stack/fixture'),
        SB_LOCAL_PORT_BASE: String(PORT_BASE),
        SB_LOCAL_STATE_DIR: stateDir,
      },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }))
  })
}

afterAll(async () => {
  await cli(['stop'])
  rmSync(privateFolder, { recursive: true, force: true })
}, 60_000)

describe.skipIf(process.getuid?.() !== 0)('as root, in a folder the postgres user cannot enter', { timeout: 120_000 }, () => {
  it.each(['start --detach', 'start'])('`%s` stops with one line that says what to do and names its log', async (command) => {
    expect(statSync(privateFolder).mode & 0o777).toBe(0o700)
    const result = await cli(command.split(' '))
    expect(result.code).not.toBe(0)
    const lines = result.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain(`cannot enter ${privateFolder} (mode 700)`)
    expect(lines[0]).toContain(`chmod o+x ${privateFolder}`)
    const log = /\(log: (.+)\)$/.exec(lines[0])?.[1]
    expect(log).toBeDefined()
    const logFile = path.resolve(PROJECT_ROOT, log!)
    expect(existsSync(logFile), logFile).toBe(true)
    expect(readFileSync(logFile, 'utf8')).toContain('cannot enter')
    expect((await Promise.all(PORTS.map((port) => isPortFree(port)))).every(Boolean)).toBe(true)
  })
})
