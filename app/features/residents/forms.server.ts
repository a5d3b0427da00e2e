import { z } from 'zod'

// The resident page's edit form, besides the contact details (the journey's contact
// schema): the version it was rendered with, and the language of the messages.
export const residentEditForm = z.object({
  updatedAt: z.string().datetime(),
  // Only two choices in a select: anything else was not typed by a person.
  language: z.enum(['fr', 'en']).catch('fr'),
})

/** The merge form: which of the two records to keep. */
export const mergeForm = (firstId: string, secondId: string) =>
  z.object({ keep: z.enum([firstId, secondId]) })

/** The erasure's confirmation: the box must be ticked. */
export const eraseForm = z.object({ confirm: z.literal('on') })
