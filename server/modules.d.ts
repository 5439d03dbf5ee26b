// Types for the production server's plain-JS modules, so TypeScript tests can import them.
declare module '*/security.mjs' {
  import type { RequestHandler } from 'express'
  export function securityHeaders(): RequestHandler
  export function contentSecurityPolicy(nonce: string, options: { secure: boolean }): string
  export function createNonce(): string
}
declare module '*/rate-limits.mjs' {
  import type { Request, RequestHandler } from 'express'
  interface Store {
    hit(
      bucket: string,
      subject: string,
      limit: number,
      windowSeconds: number,
    ): Promise<{ hits: number; limited: boolean; retryAfterSeconds: number }>
  }
  export function rateLimits(options?: { multiplier?: number; store?: Store; log?: (message: string) => void }): RequestHandler
  export function routePathOf(rawPath: string): string | null
  export function isAuthAction(rawPath: string): boolean
  export function clientKey(req: Request): string
}
declare module '*/same-origin.mjs' {
  import type { RequestHandler } from 'express'
  export function sameOriginWrites(options?: { allowedOrigins?: string[] }): RequestHandler
  export function parseAllowedOrigins(value?: string): string[]
  export function crossSiteReason(request: {
    method: string
    origin: string | undefined
    secFetchSite: string | undefined
    ownOrigin: string | null
    allowed: Set<string>
  }): 'origin' | 'sec-fetch-site' | null
}
declare module '*/rate-limit-store.mjs' {
  export interface RateLimitHit {
    hits: number
    limited: boolean
    retryAfterSeconds: number
  }
  export interface RateLimitStore {
    hit(bucket: string, subject: string, limit: number, windowSeconds: number): Promise<RateLimitHit>
  }
  export class RateLimitStoreError extends Error {}
  export function createPostgresStore(options: { url: string; key: string; timeoutMs?: number }): RateLimitStore
}
declare module '*/trust-proxy.mjs' {
  export function trustProxySetting(value: string | undefined): number
}
