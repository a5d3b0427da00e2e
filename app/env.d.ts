/// <reference types="@remix-run/node" />

// The Remix compiler turns a CSS import into the URL of the fingerprinted file.
declare module '*.css' {
  const href: string
  export default href
}
