import type { ProblemCode } from '~/domain/input/problems'

// Password rules for advisors: long enough, and not one of the passwords every attacker
// tries first. Length beats composition rules (NIST SP 800-63B).

export const PASSWORD_MIN_LENGTH = 10
export const PASSWORD_MAX_LENGTH = 200

// The most common passwords of at least ten characters in public breach lists, plus the
// obvious local ones. Compared without case, spaces or accents.
const COMMON = new Set([
  '1234567890',
  '0123456789',
  '12345678910',
  '0987654321',
  '1111111111',
  '0000000000',
  '1234567891',
  '123456789a',
  'a123456789',
  'azertyuiop',
  'qwertyuiop',
  'azerty1234',
  'azerty123456',
  'qwerty1234',
  'qwerty123456',
  'password12',
  'password123',
  'password1234',
  'motdepasse',
  'motdepasse1',
  'motdepasse123',
  'iloveyou12',
  'jetaime123',
  'soleil1234',
  'bonjour123',
  'bonjour1234',
  'marseille13',
  'doudou1234',
  'changeme123',
  'permanence',
  'permanence1',
  'permanence123',
  'conseiller',
  'conseiller1',
  'franceservices',
  'administrateur',
  'administrator',
  'welcome123',
  'letmein123',
  'football123',
  'princesse1',
])

export type PasswordProblem = Extract<ProblemCode, 'TOO_SHORT' | 'TOO_LONG' | 'PASSWORD_TOO_COMMON'>

export function passwordProblem(password: string): PasswordProblem | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'TOO_SHORT'
  if (password.length > PASSWORD_MAX_LENGTH) return 'TOO_LONG'
  const folded = password
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, '')
    .toLowerCase()
  if (COMMON.has(folded)) return 'PASSWORD_TOO_COMMON'
  // One character repeated, or a run such as "abcdefghij": as weak as the list.
  if (new Set(folded).size <= 2) return 'PASSWORD_TOO_COMMON'
  return null
}
