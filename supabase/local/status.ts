/** The status block `supabase start` / `supabase status` print, and its `-o env` / `-o json` forms. */
import path from 'node:path'
import { stackUrls, type StackConfig } from './config.ts'
import { ANON_KEY, JWT_SECRET, PUBLISHABLE_KEY, SECRET_KEY, SERVICE_ROLE_KEY } from './keys.ts'
import type { StackState } from './state.ts'

export function statusValues(config: StackConfig, state: StackState): Record<string, string> {
  const urls = stackUrls({ ...config, ports: state.ports })
  return {
    API_URL: urls.api,
    REST_URL: urls.rest,
    AUTH_URL: urls.auth,
    FUNCTIONS_URL: urls.functions,
    DB_URL: urls.db,
    MAILPIT_URL: urls.inbox,
    INBUCKET_URL: urls.inbox,
    JWT_SECRET,
    ANON_KEY,
    SERVICE_ROLE_KEY,
    PUBLISHABLE_KEY,
    SECRET_KEY,
    LOGS_DIR: path.dirname(state.logs.supervisor),
  }
}

export function formatStatus(config: StackConfig, state: StackState, format: 'pretty' | 'env' | 'json' = 'pretty'): string {
  const values = statusValues(config, state)
  if (format === 'env')
    return Object.entries(values)
      .map(([key, value]) => `${key}="${value}"`)
      .join('\n')
  if (format === 'json') return JSON.stringify(values, null, 2)
  const rows: Array<[string, string]> = [
    ['API URL', values.API_URL],
    ['REST URL', values.REST_URL],
    ['Functions URL', values.FUNCTIONS_URL],
    ['DB URL', values.DB_URL],
    ['Mailpit URL', values.MAILPIT_URL],
    ['JWT secret', values.JWT_SECRET],
    ['Publishable key', values.PUBLISHABLE_KEY],
    ['Secret key', values.SECRET_KEY],
    ['anon key', values.ANON_KEY],
    ['service_role key', values.SERVICE_ROLE_KEY],
  ]
  const width = Math.max(...rows.map(([label]) => label.length))
  const logRows = Object.entries(state.logs).map(([name, file]) => `  ${name.padEnd(10)} ${file}`)
  return [
    `Local Supabase stack is running (ready in ${state.readyInMs} ms, ${state.jwtMode} user tokens).`,
    '',
    ...rows.map(([label, value]) => `${label.padStart(width)}: ${value}`),
    '',
    'Logs:',
    ...logRows,
  ].join('\n')
}
