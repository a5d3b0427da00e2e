// Merging two records of the same person: which contact details the kept record gains.
// The database layer moves the appointments and writes the audit trail in one transaction.

export type MergeableResident = {
  id: string
  organisationId: string
  firstName: string
  lastName: string
  phoneE164: string | null
  phoneType: 'MOBILE' | 'FIXED' | null
  email: string | null
  smsOptedOut: boolean
}

export type MergeProblem = 'SAME_RECORD' | 'OTHER_ORGANISATION'

export type MergePlan =
  | {
      ok: true
      keptId: string
      duplicateId: string
      /** Only the kept record's empty fields are filled; what it holds is never replaced. */
      fill: {
        phoneE164?: string
        phoneType?: 'MOBILE' | 'FIXED' | null
        email?: string
        smsOptedOut?: true
      }
      /** For the kept record's history: "merged X (id) into this record". */
      keptSummary: string
      /** For the removed record's history, found by its id. */
      duplicateSummary: string
    }
  | { ok: false; problem: MergeProblem }

export function planMerge(kept: MergeableResident, duplicate: MergeableResident): MergePlan {
  if (kept.id === duplicate.id) return { ok: false, problem: 'SAME_RECORD' }
  if (kept.organisationId !== duplicate.organisationId) {
    return { ok: false, problem: 'OTHER_ORGANISATION' }
  }
  const fill: Extract<MergePlan, { ok: true }>['fill'] = {}
  if (!kept.phoneE164 && duplicate.phoneE164) {
    fill.phoneE164 = duplicate.phoneE164
    fill.phoneType = duplicate.phoneType
  }
  if (!kept.email && duplicate.email) fill.email = duplicate.email
  // A STOP sent from either record was the person's wish: it survives the merge.
  if (!kept.smsOptedOut && duplicate.smsOptedOut) fill.smsOptedOut = true
  const filled = Object.keys(fill).filter((key) => key !== 'phoneType')
  const name = (resident: MergeableResident) => `${resident.firstName} ${resident.lastName}`
  return {
    ok: true,
    keptId: kept.id,
    duplicateId: duplicate.id,
    fill,
    keptSummary:
      `merged ${name(duplicate)} (${duplicate.id}) into this record` +
      (filled.length > 0 ? `; filled ${filled.join(', ')}` : ''),
    duplicateSummary: `merged into ${name(kept)} (${kept.id}) and removed`,
  }
}
