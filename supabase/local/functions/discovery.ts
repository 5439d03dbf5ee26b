/**
 * Which slugs are functions (§5.1): `<supabase>/functions/<slug>/index.ts` plus
 * `[functions.<slug>]` entries. `_shared/` and dot-directories never match the slug rule.
 */
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import type { StackConfig } from '../config.ts'

const SLUG = /^[A-Za-z][A-Za-z0-9_-]*$/

export interface FunctionEntry {
  slug: string
  /** Absolute path of the entry module. */
  entrypoint: string
  /** Absolute path of a per-function import map, when configured. */
  importMap?: string
}

/** Resolves one slug, or undefined when it is not an enabled function. Reads the disk each time, so new functions appear without a restart. */
export function resolveFunction(config: Pick<StackConfig, 'supabaseDir' | 'functions'>, slug: string): FunctionEntry | undefined {
  if (!SLUG.test(slug)) return undefined
  const configured = config.functions[slug]
  if (configured && !configured.enabled) return undefined
  // The CLI resolves `entrypoint` and `import_map` relative to the supabase directory.
  const entrypoint = configured?.entrypoint
    ? path.resolve(config.supabaseDir, configured.entrypoint)
    : path.join(config.supabaseDir, 'functions', slug, 'index.ts')
  if (!existsSync(entrypoint)) return undefined
  const importMap = configured?.importMap ? path.resolve(config.supabaseDir, configured.importMap) : undefined
  return { slug, entrypoint, importMap }
}

export function listFunctions(config: Pick<StackConfig, 'supabaseDir' | 'functions'>): FunctionEntry[] {
  const functionsDir = path.join(config.supabaseDir, 'functions')
  const fromDisk = existsSync(functionsDir)
    ? readdirSync(functionsDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
    : []
  const slugs = new Set([...fromDisk, ...Object.keys(config.functions)])
  return [...slugs]
    .sort()
    .map((slug) => resolveFunction(config, slug))
    .filter((entry): entry is FunctionEntry => entry !== undefined)
}
