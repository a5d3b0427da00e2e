// What other features and their routes use of sign-in, sessions, permissions and one-time
// tokens.
export { requireAdmin, requireAdvisor, requirePermission, type SignedIn } from './auth.server'
export { absoluteUrl, sendLinkMail } from './link-mail.server'
export { newSecret, sha256 } from './one-time-tokens.server'
export { sendInvitation } from './password-reset.server'
export { hashPassword } from './passwords.server'
