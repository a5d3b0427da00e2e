// Possible duplicates of a resident: the same person booked twice (online, then at the
// desk), with a typo or another contact. Only suggested: a person decides and merges.

export type ResidentIdentity = {
  id: string
  /** Lowercase, accent-free "first last" (identity.ts nameSearchKey). */
  searchKey: string
  phoneE164: string | null
  email: string | null
}

export type DuplicateReason = 'PHONE' | 'EMAIL' | 'SAME_NAME' | 'SIMILAR_NAME'

/** Two or fewer typed letters apart ("Moreau" / "Moreaux", "Dupond" / "Dupont"). */
export const MAX_NAME_DISTANCE = 2

/** Levenshtein distance: insertions, deletions and substitutions of one character. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i]
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution))
    }
    previous = current
  }
  return previous[b.length]!
}

/**
 * Why b may be the same person as a: same phone, same email, same name, or a name a typo
 * away with the same initial (a different first letter is rarely a typo, and "Léa Roy" /
 * "Léo Rey" would otherwise flood the list).
 */
export function duplicateReasons(a: ResidentIdentity, b: ResidentIdentity): DuplicateReason[] {
  if (a.id === b.id) return []
  const reasons: DuplicateReason[] = []
  if (a.phoneE164 && a.phoneE164 === b.phoneE164) reasons.push('PHONE')
  if (a.email && a.email.toLowerCase() === b.email?.toLowerCase()) reasons.push('EMAIL')
  if (a.searchKey === b.searchKey) reasons.push('SAME_NAME')
  else if (
    a.searchKey[0] === b.searchKey[0] &&
    Math.abs(a.searchKey.length - b.searchKey.length) <= MAX_NAME_DISTANCE &&
    editDistance(a.searchKey, b.searchKey) <= MAX_NAME_DISTANCE
  ) {
    reasons.push('SIMILAR_NAME')
  }
  return reasons
}

/** The candidates that may be the same person as the resident, strongest reasons first. */
export function findDuplicates<R extends ResidentIdentity>(
  resident: ResidentIdentity,
  candidates: readonly R[],
): { resident: R; reasons: DuplicateReason[] }[] {
  return candidates
    .map((candidate) => ({ resident: candidate, reasons: duplicateReasons(resident, candidate) }))
    .filter((match) => match.reasons.length > 0)
    .sort(
      (x, y) => y.reasons.length - x.reasons.length || x.resident.id.localeCompare(y.resident.id),
    )
}
