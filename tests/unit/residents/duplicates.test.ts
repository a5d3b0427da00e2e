import { describe, expect, test } from 'vitest'
import { duplicateReasons, editDistance, findDuplicates } from '~/domain/residents/duplicates'
import { nameSearchKey } from '~/domain/residents/identity'

const resident = (id: string, first: string, last: string, phone?: string, email?: string) => ({
  id,
  searchKey: nameSearchKey(first, last),
  phoneE164: phone ?? null,
  email: email ?? null,
})

describe('duplicates', () => {
  test('edit distance counts typed letters', () => {
    expect(editDistance('moreau', 'moreaux')).toBe(1)
    expect(editDistance('dupond', 'dupont')).toBe(1)
    expect(editDistance('abc', 'abc')).toBe(0)
    expect(editDistance('', 'abc')).toBe(3)
  })

  test('the same phone or email is a duplicate whatever the name', () => {
    const a = resident('a', 'Jeanne', 'Moreau', '+33612345678', 'j@exemple.fr')
    expect(duplicateReasons(a, resident('b', 'Paul', 'Moreau', '+33612345678'))).toEqual(['PHONE'])
    expect(duplicateReasons(a, resident('c', 'Jo', 'M', undefined, 'J@exemple.fr'))).toEqual([
      'EMAIL',
    ])
  })

  test('the same name with other accents or case is the same name', () => {
    const a = resident('a', 'Élodie', 'Lœb-Dupré')
    expect(duplicateReasons(a, resident('b', 'elodie', 'LOEB DUPRE'))).toEqual(['SAME_NAME'])
  })

  test('a typo away with the same initial is similar; another initial is not', () => {
    const a = resident('a', 'Jeanne', 'Moreau')
    expect(duplicateReasons(a, resident('b', 'Jeanne', 'Moreaux'))).toEqual(['SIMILAR_NAME'])
    expect(duplicateReasons(a, resident('c', 'Jeane', 'Moreau'))).toEqual(['SIMILAR_NAME'])
    expect(duplicateReasons(a, resident('d', 'Leanne', 'Moreau'))).toEqual([])
    expect(duplicateReasons(a, resident('e', 'Jean', 'Martin'))).toEqual([])
  })

  test('a record is not its own duplicate; strongest matches come first', () => {
    const a = resident('a', 'Jeanne', 'Moreau', '+33612345678')
    const found = findDuplicates(a, [
      a,
      resident('b', 'Jeanne', 'Moreaux'),
      resident('c', 'Jeanne', 'Moreau', '+33612345678'),
      resident('d', 'Paul', 'Durand'),
    ])
    expect(found.map((match) => [match.resident.id, match.reasons])).toEqual([
      ['c', ['PHONE', 'SAME_NAME']],
      ['b', ['SIMILAR_NAME']],
    ])
  })
})
