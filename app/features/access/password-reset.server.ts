import { redirect } from '@remix-run/node'
import type { ChoosePasswordData } from './page-data'
import { db } from '~/platform/database/client.server'
import {
  issueToken,
  setPasswordWithToken,
  sha256,
  tokenAdvisor,
  withdrawToken,
  type TokenPurpose,
} from './one-time-tokens.server'
import type { FormReply } from '~/domain/input/problems'
import { parseForm } from '~/platform/forms.server'
import { newPasswordForm } from './forms.server'
import { fixedT } from '~/i18n/i18n.server'
import type { Translate } from '~/i18n/translate'
import { absoluteUrl, sendLinkMail } from './link-mail.server'
import { hashPassword } from './passwords.server'
import { logger } from '~/platform/logging.server'
import { consume, type Limit } from '~/platform/rate-limit.server'

// Forgotten password and invitation links (decision 071).

export type ResetRequestOutcome = 'SENT' | 'TOO_MANY_ATTEMPTS'

const RESET_LIMITS = {
  perAccount: { name: 'reset-account', points: 5, seconds: 15 * 60 },
  perAddress: { name: 'reset-address', points: 100, seconds: 15 * 60 },
} satisfies Record<string, Limit>

/**
 * Answers SENT, in the same time, whether or not the email belongs to an active advisor:
 * the link is issued and sent after the answer (decision 071), so neither the answer nor
 * its delay tells which emails are accounts. A link that could not be sent is withdrawn
 * and the failure is logged for the operator.
 */
export async function requestPasswordReset(input: {
  email: string
  clientAddress: string
  t: Translate
  now?: Date
}): Promise<ResetRequestOutcome> {
  const email = input.email.trim().toLowerCase()
  const allowed = await Promise.all([
    consume(RESET_LIMITS.perAccount, sha256(email)),
    consume(RESET_LIMITS.perAddress, input.clientAddress),
  ])
  if (allowed.includes(false)) return 'TOO_MANY_ATTEMPTS'
  const advisor = await db().advisor.findUnique({
    where: { email },
    select: { id: true, firstName: true, email: true, active: true },
  })
  if (advisor?.active) afterTheAnswer(() => sendResetLink(advisor, input.t, input.now))
  return 'SENT'
}

/** Runs once the response has left; a failure is logged, never thrown at nobody. */
function afterTheAnswer(work: () => Promise<void>) {
  setImmediate(() => {
    work().catch((error: unknown) =>
      logger.error({ err: error }, 'password reset link not sent: unexpected error'),
    )
  })
}

async function sendResetLink(
  advisor: { id: string; firstName: string; email: string },
  t: Translate,
  now = new Date(),
) {
  const token = await issueToken(db(), advisor.id, 'PASSWORD_RESET', now)
  const sent = await sendLinkMail(t, {
    to: advisor.email,
    section: 'workspace.password.mail',
    values: { firstName: advisor.firstName },
    link: absoluteUrl(`/espace/mot-de-passe/${token}`),
  })
  if (!sent) await withdrawToken(db(), token, now)
}

/** Issues an invitation link and emails it; false when the email could not be sent. */
export async function sendInvitation(
  t: Translate,
  advisor: { id: string; firstName: string; email: string },
  organisationName: string,
  now = new Date(),
): Promise<boolean> {
  const token = await issueToken(db(), advisor.id, 'INVITATION', now)
  const sent = await sendLinkMail(t, {
    to: advisor.email,
    section: 'workspace.admin.inviteMail',
    values: { firstName: advisor.firstName, organisation: organisationName },
    link: absoluteUrl(`/espace/invitation/${token}`),
  })
  if (!sent) await withdrawToken(db(), token, now)
  return sent
}

export type ChoosePasswordResult =
  | { ok: true }
  | { ok: false; linkProblem: 'UNKNOWN' | 'USED' | 'EXPIRED' }
  | { ok: false; reply: FormReply }

/** Checks the link, then the new password as at sign-in, then sets it (once). */
export async function choosePassword(
  token: string,
  purpose: TokenPurpose,
  form: FormData,
): Promise<ChoosePasswordResult> {
  const now = new Date()
  const found = await tokenAdvisor(db(), token, purpose, now)
  if (!found.ok) return { ok: false, linkProblem: found.problem }
  const parsed = parseForm(form, newPasswordForm, { hide: ['password', 'confirmation'] })
  if (!parsed.ok) return { ok: false, reply: parsed.reply }
  const hashed = await hashPassword(parsed.value.password)
  const result = await setPasswordWithToken(db(), token, purpose, hashed, now)
  return result.ok ? { ok: true } : { ok: false, linkProblem: result.problem }
}

/** What the link page shows before the form is sent. */
async function linkState(token: string, purpose: TokenPurpose) {
  return tokenAdvisor(db(), token, purpose, new Date())
}

// The two pages of a one-time link (reset, invitation) answer the same way: 404 for an
// unknown link, 410 for a used or expired one, the form otherwise.
const LINK_STATUS = { UNKNOWN: 404, USED: 410, EXPIRED: 410 } as const

/** The loader of a one-time link page: its title, and the intro or why the link fails. */
export async function choosePasswordPageData(
  request: Request,
  token: string,
  purpose: TokenPurpose,
  texts: {
    titleKey: string
    intro: (t: Translate, advisor: { firstName: string; email: string }) => string
  },
) {
  const t = await fixedT(request)
  const title = t(texts.titleKey)
  const state = await linkState(token, purpose)
  if (!state.ok) {
    return Response.json(
      { ok: false, title, problem: state.problem } satisfies ChoosePasswordData,
      { status: LINK_STATUS[state.problem] },
    )
  }
  return Response.json({
    ok: true,
    title,
    intro: texts.intro(t, state.advisor),
  } satisfies ChoosePasswordData)
}

/** The action of a one-time link page: the password chosen, or why not. */
export async function choosePasswordFromForm(
  request: Request,
  token: string,
  purpose: TokenPurpose,
) {
  const result = await choosePassword(token, purpose, await request.formData())
  if (result.ok) return redirect('/espace/mot-de-passe?fait=1')
  if ('linkProblem' in result) {
    return Response.json(null, { status: LINK_STATUS[result.linkProblem] })
  }
  return Response.json(result.reply, { status: 400 })
}
