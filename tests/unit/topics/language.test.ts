import { describe, expect, test } from 'vitest'
import { topicInLanguage } from '~/domain/topics/language'

const topic = {
  id: 't1',
  name: 'Déclarer mes impôts en ligne',
  instructions: 'Votre numéro fiscal.',
  nameEn: 'File my tax return online',
  instructionsEn: 'Your tax number.',
}

describe('a topic in the reader’s language', () => {
  test('French readers read the French, and the English is not sent along', () => {
    expect(topicInLanguage(topic, 'fr')).toEqual({
      id: 't1',
      name: 'Déclarer mes impôts en ligne',
      instructions: 'Votre numéro fiscal.',
    })
  })

  test('English readers read the English an admin wrote', () => {
    expect(topicInLanguage(topic, 'en')).toEqual({
      id: 't1',
      name: 'File my tax return online',
      instructions: 'Your tax number.',
    })
  })

  test('where the English is empty, the French: never a nameless topic', () => {
    expect(topicInLanguage({ ...topic, nameEn: null, instructionsEn: '  ' }, 'en')).toMatchObject({
      name: 'Déclarer mes impôts en ligne',
      instructions: 'Votre numéro fiscal.',
    })
    expect(
      topicInLanguage({ ...topic, instructions: null, instructionsEn: null }, 'en'),
    ).toMatchObject({ instructions: null })
  })
})
