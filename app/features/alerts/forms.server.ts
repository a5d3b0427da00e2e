import { z } from 'zod'
import { choice, plainText } from '~/platform/form-fields.server'

// The alert buttons: ask or stop (manage page, workspace), take a time or stop (alert page).

export const alertChoiceForm = z.object({ alert: choice(['ask', 'stop']) })

export const alertPageForm = z.object({
  alert: choice(['take', 'stop']),
  // An encoded slot start (app/domain/time/slot-start.ts), for "take".
  start: plainText(20),
})
