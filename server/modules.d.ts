// Types for the production server's plain-JS modules, so TypeScript tests can import them.
declare module '*/security.mjs' {
  import type { RequestHandler } from 'express'
  export function securityHeaders(): RequestHandler
  export function contentSecurityPolicy(nonce: string, options: { secure: boolean }): string
  export function createNonce(): string
}
declare module '*/rate-limits.mjs' {
  import type { RequestHandler } from 'express'
  export function rateLimits(options?: { multiplier?: number }): RequestHandler
}
