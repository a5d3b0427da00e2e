// Whether a state-changing request comes from one of this site's own pages (decision 017).
// The Origin header decides when there is one; otherwise Sec-Fetch-Site; a request with
// neither is let through: every browser that sends cookies across sites sends one of them
// on a cross-site POST, so such a request comes from a program (curl, a monitor) that has
// no resident's cookies to abuse, or from a browser too old to run our pages, which the
// SameSite=Lax cookies still protect.

export type OriginHeaders = { origin?: string | undefined; 'sec-fetch-site'?: string | undefined }

export function comesFromThisSite(headers: OriginHeaders, allowedOrigins: readonly string[]) {
  const origin = headers.origin
  // "null" (a sandboxed frame, a redirect across sites) is not one of ours either.
  if (origin !== undefined) return allowedOrigins.includes(origin)
  const site = headers['sec-fetch-site']
  // "none": the person themselves (address bar, bookmark); "same-site" is another
  // subdomain, which may belong to someone else.
  if (site !== undefined) return site === 'same-origin' || site === 'none'
  return true
}
