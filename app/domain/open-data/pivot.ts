// The open-data "pivot" of a structure: its SIRET (14 digits) or, for an association
// without one, its RNA number (W and 9 characters). Spaces and dots people copy from the
// Sirene directory are dropped.

export type PivotProblem = 'INVALID_PIVOT' | 'INVALID_SIRET'
export type PivotResult = { ok: true; pivot: string } | { ok: false; problem: PivotProblem }

/** La Poste's establishments share this SIREN; their SIRETs follow their own checksum. */
const LA_POSTE_SIREN = '356000000'
// RNA: W, the department (two digits, or 2A/2B for Corsica, or three overseas) and a serial.
const RNA = /^W(?:\d{9}|2[AB]\d{7})$/u
const SIRET = /^\d{14}$/u

/** The Luhn checksum INSEE uses for SIREN and SIRET numbers. */
function passesLuhn(digits: string): boolean {
  let sum = 0
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index])
    if (index % 2 === 1) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
  }
  return sum % 10 === 0
}

/**
 * INSEE gives La Poste's thousands of establishments SIRETs whose digits add up to a
 * multiple of 5 instead of passing Luhn (there are more establishments than Luhn-valid
 * serials under one SIREN).
 */
function passesLaPosteRule(digits: string): boolean {
  const sum = [...digits].reduce((total, digit) => total + Number(digit), 0)
  return sum % 5 === 0
}

export function isValidSiret(value: string): boolean {
  if (!SIRET.test(value)) return false
  return value.startsWith(LA_POSTE_SIREN) ? passesLaPosteRule(value) : passesLuhn(value)
}

/** A pivot as typed ("123 456 789 00012", "w751234567") as stored, or what is wrong. */
export function normalisePivot(input: string): PivotResult {
  const compact = input.replace(/[\s.]/gu, '').toUpperCase()
  if (RNA.test(compact)) return { ok: true, pivot: compact }
  if (!SIRET.test(compact)) return { ok: false, problem: 'INVALID_PIVOT' }
  return isValidSiret(compact)
    ? { ok: true, pivot: compact }
    : { ok: false, problem: 'INVALID_SIRET' }
}
