import { z } from 'zod'
import { CANCELLATION_REASON_MAX_LENGTH, NOTE_MAX_LENGTH } from '~/domain/booking/limits'
import { isCancellation } from '~/domain/booking/attendance'
import { addProblem, checkbox, choice, optionalText } from '~/platform/form-fields.server'

// The forms of one appointment's page in the workspace: attendance (with the reason of a
// cancellation), the note, a move to another slot. Each carries the version it was
// rendered with, so a stale edit is refused rather than written.

const version = z.number().int().min(0)

export const statusForm = z
  .object({
    intent: z.literal('status'),
    version,
    status: choice(['HONOURED', 'NO_SHOW', 'EXCUSED', 'CANCELLED']),
    reason: optionalText(CANCELLATION_REASON_MAX_LENGTH),
    /** Sent by the confirmation step: a cancellation is asked again before it is written. */
    confirmed: checkbox(),
  })
  .superRefine((form, context) => {
    if (isCancellation(form.status) && !form.reason) addProblem(context, 'REQUIRED', 'reason')
  })

export const noteForm = z.object({
  intent: z.literal('note'),
  version,
  note: optionalText(NOTE_MAX_LENGTH),
})

export const moveForm = z.object({
  version,
  start: z.string().datetime(),
  conseiller: z.string().optional(),
})

/** What the attendance or note form asks to write. */
export type AppointmentChange = z.infer<typeof statusForm> | z.infer<typeof noteForm>
