// Fails when anything that must stay on the server reaches the browser build: the service-role
// key, the JWT secret, secret API keys, or the Supabase client itself (ADR 002: the browser
// only talks to Remix). Run after a build: `BUILD_DIR=build node scripts/check-client-bundle.mjs`.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

const clientDir = path.resolve(process.env.BUILD_DIR ?? 'build', 'client')
const FORBIDDEN = [
  { what: 'the service-role key', pattern: /InNlcnZpY2Vfcm9sZSI/ }, // base64 of "service_role" in a JWT payload
  { what: 'the JWT secret', pattern: /super-secret-jwt-token/ },
  { what: 'a secret API key', pattern: /sb_secret_/ },
  { what: 'the Supabase Auth client', pattern: /GoTrueClient|auth-js/ },
  { what: 'the PostgREST client', pattern: /PostgrestQueryBuilder|postgrest-js/ },
]

const files = readdirSync(clientDir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(js|html|json|webmanifest)$/.test(f))
const findings = []
for (const file of files) {
  const text = readFileSync(path.join(clientDir, file), 'utf8')
  for (const { what, pattern } of FORBIDDEN) if (pattern.test(text)) findings.push(`${file}: contains ${what}`)
}
if (findings.length > 0) {
  console.error(`Server-only material in the browser build (${clientDir}):\n  ${findings.join('\n  ')}`)
  process.exit(1)
}
console.log(`Browser build clean: ${files.length} files, no keys, secrets or Supabase client.`)
