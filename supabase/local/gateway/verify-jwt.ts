/**
 * Edge-runtime's `verify_jwt` check, done at the gateway. The role is deliberately not
 * checked, so the anon key passes, as on the CLI and hosted.
 */
import type { TokenSigner } from '../keys.ts'

export const MISSING_AUTHORIZATION = '{"msg":"Error: Missing authorization header"}'
export const NOT_BEARER = `{"msg":"Error: Auth header is not 'Bearer {token}'"}`
export const INVALID_JWT = '{"msg":"Invalid JWT"}'

/** Returns the 401 body, or undefined when the request may reach the function. */
export async function functionJwtError(authorization: string | undefined, signer: TokenSigner): Promise<string | undefined> {
  if (!authorization) return MISSING_AUTHORIZATION
  // edge-runtime splits on a single space and compares the scheme case-sensitively.
  const [scheme, token] = authorization.split(' ')
  if (scheme !== 'Bearer') return NOT_BEARER
  if (!token) return INVALID_JWT
  try {
    await signer.verify(token)
    return undefined
  } catch {
    return INVALID_JWT
  }
}
