/** Row 1: the well-known API keys are exactly the CLI's, rebuilt from the JWT secret. */
import { expect, it } from 'vitest'
import { ANON_KEY, JWT_SECRET, SERVICE_ROLE_KEY, signApiKey } from '../../../supabase/local/keys.ts'

const CLI_ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0'
const CLI_SERVICE_ROLE_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU'

it('row 1: regenerating the API keys from the secret gives the CLI keys byte for byte', () => {
  expect(JWT_SECRET).toBe('super-secret-jwt-token-with-at-least-32-characters-long')
  expect(signApiKey('anon', JWT_SECRET)).toBe(CLI_ANON_KEY)
  expect(signApiKey('service_role', JWT_SECRET)).toBe(CLI_SERVICE_ROLE_KEY)
  expect([ANON_KEY, SERVICE_ROLE_KEY]).toEqual([CLI_ANON_KEY, CLI_SERVICE_ROLE_KEY])
})
