import { createContext, useContext } from 'react'

// The per-request nonce that the Content-Security-Policy allows for inline scripts.
const NonceContext = createContext<string>('')

export const NonceProvider = NonceContext.Provider
export const useNonce = () => useContext(NonceContext)
