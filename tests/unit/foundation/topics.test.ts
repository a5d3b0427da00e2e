import { expect, test } from 'vitest'
import { groupTopicsByTheme } from '~/domain/topics/grouping'

test('topics are grouped procedures first, then digital skills, in taxonomy order', () => {
  const groups = groupTopicsByTheme([
    { name: 'E-mail', theme: 'DIGITAL_EMAIL' },
    { name: 'Impôts', theme: 'MONEY_TAXES' },
    { name: 'Carte d’identité', theme: 'PAPERS_CITIZENSHIP' },
    { name: 'Smartphone', theme: 'DIGITAL_EQUIPMENT' },
    { name: 'Passeport', theme: 'PAPERS_CITIZENSHIP' },
    { name: 'Ancien thème', theme: 'NOT_A_THEME' },
  ])
  expect(
    groups.map((group) => [
      group.group,
      group.themes.map((theme) => [theme.theme, theme.topics.map((t) => t.name)]),
    ]),
  ).toEqual([
    [
      'PROCEDURES',
      [
        ['PAPERS_CITIZENSHIP', ['Carte d’identité', 'Passeport']],
        ['MONEY_TAXES', ['Impôts']],
      ],
    ],
    [
      'DIGITAL_SKILLS',
      [
        ['DIGITAL_EQUIPMENT', ['Smartphone']],
        ['DIGITAL_EMAIL', ['E-mail']],
      ],
    ],
  ])
})
