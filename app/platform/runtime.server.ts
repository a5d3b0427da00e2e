// The Remix compiler replaces `process.env.NODE_ENV` (in any spelling it can see) in bundled
// code with the build mode, always "production" for `remix build`. Run-time decisions
// (Secure cookies, required secrets, demo seed) read the variable through a name it cannot fold.
const MODE_VARIABLE = 'NODE_ENV'

/** Whether this process runs in production, read when called. */
export function isProduction(): boolean {
  return process.env[MODE_VARIABLE] === 'production'
}
