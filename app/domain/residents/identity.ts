import type { ProblemCode } from '~/domain/input/problems'

// How residents' names and emails are cleaned, compared and searched: one home.

export const NAME_MAX_LENGTH = 80
export const EMAIL_MAX_LENGTH = 254
// RFC 5321 limits: longer parts are refused by mail servers anyway.
const EMAIL_LOCAL_MAX_LENGTH = 64
const DOMAIN_LABEL_MAX_LENGTH = 63

export type NameProblem = Extract<ProblemCode, 'REQUIRED' | 'TOO_LONG' | 'INVALID_NAME'>
export type NameResult = { ok: true; name: string } | { ok: false; problem: NameProblem }

// Starts with a letter; then letters, spaces, hyphens, apostrophes (typed ' or ’) and
// dots ("Jean-Pierre", "N’Diaye", "St. Clair"). No digits, no markup.
const NAME_SHAPE = /^\p{L}[\p{L}\p{M}' ’.-]*$/u

/** Trimmed, single-spaced, NFC; accents, hyphens and apostrophes welcome. */
export function normaliseName(raw: string): NameResult {
  const name = raw.normalize('NFC').replace(/\s+/gu, ' ').trim()
  if (!name) return { ok: false, problem: 'REQUIRED' }
  if (name.length > NAME_MAX_LENGTH) return { ok: false, problem: 'TOO_LONG' }
  if (!NAME_SHAPE.test(name)) return { ok: false, problem: 'INVALID_NAME' }
  return { ok: true, name }
}

// Letters that NFD does not split into a base letter and an accent.
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', ł: 'l' }

/**
 * Lowercase, without accents, hyphens read as spaces: "Élodie D’Arc-Lœb" and
 * "elodie d'arc loeb" are the same key, for search and duplicate detection.
 */
export function nameSearchKey(...parts: string[]): string {
  return parts
    .join(' ')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[œæßøł]/gu, (letter) => LIGATURES[letter])
    .replace(/’/gu, "'")
    .replace(/-/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim()
}

export type EmailProblem = Extract<ProblemCode, 'INVALID_EMAIL' | 'TOO_LONG'>
export type EmailResult = { ok: true; email: string } | { ok: false; problem: EmailProblem }

// The characters mail providers accept in practice; quoted local parts are not worth
// the confusion they cause.
const LOCAL_PART = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u
const TOP_LEVEL = /^\p{L}{2,}$/u

/** Trimmed and lowercased (providers ignore case); a sane shape, not a full RFC parser. */
export function normaliseEmail(raw: string): EmailResult {
  const email = raw.normalize('NFC').trim().toLowerCase()
  if (email.length > EMAIL_MAX_LENGTH) return { ok: false, problem: 'TOO_LONG' }
  return isSaneEmail(email) ? { ok: true, email } : { ok: false, problem: 'INVALID_EMAIL' }
}

function isSaneEmail(email: string): boolean {
  const at = email.lastIndexOf('@')
  const local = email.slice(0, at)
  const labels = email.slice(at + 1).split('.')
  return (
    at > 0 &&
    local.length <= EMAIL_LOCAL_MAX_LENGTH &&
    LOCAL_PART.test(local) &&
    labels.length >= 2 &&
    labels.every((label) => label.length <= DOMAIN_LABEL_MAX_LENGTH && DOMAIN_LABEL.test(label)) &&
    TOP_LEVEL.test(labels[labels.length - 1])
  )
}
