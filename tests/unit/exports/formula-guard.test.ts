import { describe, expect, test } from 'vitest'
import { guardRow, neutraliseFormula } from '~/domain/exports/formula-guard'

// Exported text never runs as a spreadsheet formula (decision 086, OWASP's CSV injection).

describe('formula guard', () => {
  test('text starting like a formula gets a leading apostrophe', () => {
    for (const text of ['=1+1', '+33 6', '-2', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(neutraliseFormula(text)).toBe(`'${text}`)
    }
  })

  test('other text is unchanged, even with a sign further on', () => {
    for (const text of ['', 'Aide =1', 'Rendez-vous', "'déjà", ' =1']) {
      expect(neutraliseFormula(text)).toBe(text)
    }
  })

  test('a row guards its text cells only', () => {
    const date = { kind: 'date', iso: '2026-03-05' } as const
    expect(guardRow(['=HYPERLINK("x")', -3, null, date, 'ok'])).toEqual([
      `'=HYPERLINK("x")`,
      -3,
      null,
      date,
      'ok',
    ])
  })
})
