import { SchedulingError } from './errors'
import { compareIds } from './slots'
import type { Slot } from './types'

/**
 * Which of the slot's free advisors gets the booking (decision 011): the one with the
 * fewest appointments that local day, ties to the smallest id. The caller passes the
 * active appointments of the slot's local day (see localDayRange); others are ignored.
 */
export function assignAdvisor(
  slot: Pick<Slot, 'advisorIds'>,
  appointmentsOfThatLocalDay: readonly { advisorId: string }[],
): string {
  if (slot.advisorIds.length === 0) {
    throw new SchedulingError('NO_ADVISOR', 'The slot has no advisor to assign.')
  }
  const load = new Map<string, number>()
  for (const { advisorId } of appointmentsOfThatLocalDay) {
    load.set(advisorId, (load.get(advisorId) ?? 0) + 1)
  }
  const byLoadThenId = [...slot.advisorIds].sort(
    (a, b) => (load.get(a) ?? 0) - (load.get(b) ?? 0) || compareIds(a, b),
  )
  return byLoadThenId[0]
}
