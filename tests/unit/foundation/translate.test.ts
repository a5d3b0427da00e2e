import { expect, test } from 'vitest'
import en from '~/i18n/en'
import fr from '~/i18n/fr'
import { createTranslate } from '~/i18n/translate'

test('keys, values and plurals read as i18next would read them', () => {
  const t = createTranslate(fr, 'fr')
  expect(t('journey.stepOf', { step: 2, total: 6 })).toBe('Étape 2 sur 6')
  expect(t('form.errorSummary', { count: 1 })).toBe(
    'Le formulaire contient 1 erreur. Corrigez le champ indiqué.',
  )
  expect(t('form.errorSummary', { count: 3 })).toContain('3 erreurs')
  // French counts 0 as singular, English as plural.
  expect(t('form.errorSummary', { count: 0 })).toContain('0 erreur.')
  expect(createTranslate(en, 'en')('form.errorSummary', { count: 0 })).toContain('0 errors')
  expect(t('no.such.key')).toBe('no.such.key')
  expect(t('journey')).toBe('journey')
})
