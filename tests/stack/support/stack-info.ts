/** What the global setup tells every test file about the stack it started. */
export interface StackInfo {
  apiUrl: string
  dbUrl: string
  inboxUrl: string
  /** For tests that start an extra Auth server against the same database. */
  authDbUrl: string
  /** PostgREST without the gateway, for comparisons. */
  restDirectUrl: string
  stateDir: string
  jwtMode: 'HS256' | 'ES256'
  logs: Record<string, string>
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo
  }
}
