/** The chosen time was taken by someone else meanwhile; the UI offers alternatives. */
export class SlotTakenError extends Error {
  readonly code = 'SLOT_TAKEN'
  constructor() {
    super('This advisor already has an appointment at that time.')
    this.name = 'SlotTakenError'
  }
}
