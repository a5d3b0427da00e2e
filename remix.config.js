/** @type {import('@remix-run/dev').AppConfig} */
export default {
  appDirectory: 'app',
  // Build output stays out of the top level: build/ holds both halves.
  assetsBuildDirectory: 'build/client',
  publicPath: '/build/',
  serverBuildPath: 'build/server/index.js',
  serverModuleFormat: 'esm',
  serverPlatform: 'node',
  ignoredRouteFiles: ['**/.*', '**/*.test.*'],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
  },
}
