import { z } from 'zod'
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from '~/domain/access/password'
import { EMAIL_MAX_LENGTH } from '~/domain/residents/identity'
import { addProblem, requiredText } from '~/platform/form-fields.server'

// The sign-in, forgotten-password and new-password forms.

/** Anything too long to be an account is a wrong email or password, not a hint. */
export const signInForm = z.object({
  email: z.string().trim().min(1).max(EMAIL_MAX_LENGTH, 'INVALID_CREDENTIALS'),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH, 'INVALID_CREDENTIALS'),
})

export const resetRequestForm = z.object({ email: requiredText(EMAIL_MAX_LENGTH) })

/** A new password, as at sign-in: long enough, not a common one, typed twice the same. */
export const newPasswordForm = z
  .object({
    password: z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH),
    confirmation: z.string().optional(),
  })
  .superRefine((form, context) => {
    const problem = passwordProblem(form.password)
    if (problem) addProblem(context, problem, 'password')
    else if (form.confirmation !== form.password) {
      addProblem(context, 'PASSWORD_MISMATCH', 'confirmation')
    }
  })
