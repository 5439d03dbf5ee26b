/** The per-request CSP nonce, created by the server and handed to every inline script React renders. */
import { createContext, useContext, type ReactNode } from 'react'

const NonceContext = createContext<string>('')

export function NonceProvider({ value, children }: { value: string; children: ReactNode }) {
  return <NonceContext.Provider value={value}>{children}</NonceContext.Provider>
}

export const useNonce = () => useContext(NonceContext)
