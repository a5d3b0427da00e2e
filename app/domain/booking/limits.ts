// How long the texts of an appointment may be, whoever types them (the resident online,
// an advisor at the desk): one home, read by every schema that writes them.

/** The note of an appointment: what the resident needs help with. */
export const NOTE_MAX_LENGTH = 500

/** Why an appointment was cancelled, by the resident or the service. */
export const CANCELLATION_REASON_MAX_LENGTH = 300
