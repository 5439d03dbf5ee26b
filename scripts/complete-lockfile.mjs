// Adds lockfile entries for other platforms' optional binaries (e.g. @deno/darwin-arm64) that
// npm left out because the registry it used could not serve them. Without these entries
// `npm ci` refuses the lockfile as "out of sync". The entries carry only what npm needs to
// skip them on a non-matching platform (version, os, cpu, libc); a matching platform with a
// full registry resolves them as usual. Run it after `npm install` changes the lockfile:
//   node scripts/complete-lockfile.mjs
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'))
const packages = lock.packages
let added = 0
for (const [location, entry] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const parentDir = location === '' ? '' : `${location}/`
    if (packages[`${parentDir}node_modules/${name}`] || packages[`node_modules/${name}`]) continue
    const platform = platformOf(name)
    packages[`node_modules/${name}`] = {
      version: spec.replace(/^[\^~=]/, ''),
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      ...platform,
    }
    added++
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))))
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`)
console.log(`added ${added} platform-specific optional entries`)

/** os/cpu/libc as the package declares them, read from any version the registry has. */
function platformOf(name) {
  try {
    const out = execFileSync('npm', ['view', name, 'os', 'cpu', 'libc', '--json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    const { os, cpu, libc } = JSON.parse(out || '{}')
    return { ...(cpu ? { cpu: [].concat(cpu) } : {}), ...(os ? { os: [].concat(os) } : {}), ...(libc ? { libc: [].concat(libc) } : {}) }
  } catch {
    throw new Error(`cannot read the platform of ${name} from the registry`)
  }
}
