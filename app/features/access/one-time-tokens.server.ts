import { createHash, randomBytes } from 'node:crypto'
import type { Db } from '~/platform/database/client.server'
import { DAY_MS } from '~/domain/scheduling/calendar'

// One-time links sent to advisors by email (password reset, invitation), decision 071:
// 32 random bytes in the link, only their SHA-256 stored; a link works once, until it
// expires, and a newer link of the same purpose replaces the older ones.

export type TokenPurpose = 'PASSWORD_RESET' | 'INVITATION'

export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  PASSWORD_RESET: 3600_000,
  INVITATION: 7 * DAY_MS,
}

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')

/** A new secret token; 32 bytes, base64url (43 characters). */
export const newSecret = () => randomBytes(32).toString('base64url')

/** Issues a link for the advisor; earlier unused links of the same purpose stop working. */
export async function issueToken(
  db: Db,
  advisorId: string,
  purpose: TokenPurpose,
  now: Date,
): Promise<string> {
  const token = newSecret()
  await db.$transaction([
    db.advisorToken.updateMany({
      where: { advisorId, purpose, usedAt: null },
      data: { usedAt: now },
    }),
    db.advisorToken.create({
      data: {
        advisorId,
        purpose,
        tokenHash: sha256(token),
        createdAt: now,
        expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]),
      },
    }),
  ])
  return token
}

export type TokenProblem = 'UNKNOWN' | 'USED' | 'EXPIRED'

/** The link's advisor, or why it no longer works. */
export async function tokenAdvisor(
  db: Db,
  token: string,
  purpose: TokenPurpose,
  now: Date,
): Promise<
  | { ok: true; tokenId: string; advisor: { id: string; firstName: string; email: string } }
  | { ok: false; problem: TokenProblem }
> {
  if (!/^[A-Za-z0-9_-]{20,100}$/u.test(token)) return { ok: false, problem: 'UNKNOWN' }
  const row = await db.advisorToken.findUnique({
    where: { tokenHash: sha256(token) },
    include: {
      advisor: { select: { id: true, firstName: true, email: true, active: true } },
    },
  })
  if (!row || row.purpose !== purpose || !row.advisor.active) {
    return { ok: false, problem: 'UNKNOWN' }
  }
  if (row.usedAt) return { ok: false, problem: 'USED' }
  if (row.expiresAt <= now) return { ok: false, problem: 'EXPIRED' }
  return { ok: true, tokenId: row.id, advisor: row.advisor }
}

/**
 * Sets the advisor's password through the link, once: the token is marked used in the
 * same transaction (a second submission finds it used), every session of the advisor is
 * revoked, and the change is audited.
 */
export async function setPasswordWithToken(
  db: Db,
  token: string,
  purpose: TokenPurpose,
  passwordHash: string,
  now: Date,
): Promise<{ ok: true; advisorId: string } | { ok: false; problem: TokenProblem }> {
  const found = await tokenAdvisor(db, token, purpose, now)
  if (!found.ok) return found
  return db.$transaction(async (tx) => {
    const claimed = await tx.advisorToken.updateMany({
      where: { id: found.tokenId, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    })
    if (claimed.count === 0) return { ok: false as const, problem: 'USED' as const }
    const advisor = await tx.advisor.update({
      where: { id: found.advisor.id },
      data: { passwordHash },
      select: { id: true, organisationId: true },
    })
    await tx.advisorSession.updateMany({
      where: { advisorId: advisor.id, revokedAt: null },
      data: { revokedAt: now },
    })
    await tx.auditEvent.create({
      data: {
        organisationId: advisor.organisationId,
        advisorId: advisor.id,
        actorKind: 'ADVISOR',
        action: purpose === 'INVITATION' ? 'ADVISOR_INVITATION_ACCEPTED' : 'ADVISOR_PASSWORD_RESET',
        entityType: 'Advisor',
        entityId: advisor.id,
        summary: purpose === 'INVITATION' ? 'password chosen from invitation' : 'password reset',
      },
    })
    return { ok: true as const, advisorId: advisor.id }
  })
}

/** Marks a link used without using it (its email could not be sent). */
export async function withdrawToken(db: Db, token: string, now: Date) {
  await db.advisorToken.updateMany({
    where: { tokenHash: sha256(token), usedAt: null },
    data: { usedAt: now },
  })
}
