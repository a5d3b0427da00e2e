import '@remix-run/node'

// Single fetch types loaders' data as returned values (v3 behaviour).
declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}
