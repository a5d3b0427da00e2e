import type { DisplayLanguage } from '~/domain/time/format'

// A topic's name and instructions as one reader sees them. Admins write them in French and
// may give an English version of each; an English reader sees the French one where the
// English is empty, so a topic is never nameless.

type TopicTexts = {
  name: string
  instructions: string | null
  nameEn?: string | null
  instructionsEn?: string | null
}

type Localised<T extends TopicTexts> = Omit<T, 'nameEn' | 'instructionsEn'>

/** The topic with its name and instructions in the reader's language, without the others. */
export function topicInLanguage<T extends TopicTexts>(
  topic: T,
  language: DisplayLanguage,
): Localised<T> {
  const { nameEn, instructionsEn, ...rest } = topic
  if (language !== 'en') return rest
  return {
    ...rest,
    name: nameEn?.trim() || topic.name,
    instructions: instructionsEn?.trim() || topic.instructions,
  }
}
