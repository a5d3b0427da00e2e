import { z } from 'zod'
import { CANCELLATION_REASON_MAX_LENGTH } from '~/domain/booking/limits'
import { optionalText } from '~/platform/form-fields.server'

// The manage link's cancel form: the reason is optional, and never longer than the
// appointment keeps.
export const cancelForm = z.object({ reason: optionalText(CANCELLATION_REASON_MAX_LENGTH) })
