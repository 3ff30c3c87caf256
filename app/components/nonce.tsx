import { createContext, useContext } from "react";

// The per-request CSP nonce, provided by entry.server. In the browser it is "" (already hydrated).
const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
