// The national taxonomy advisors use for their reporting (see PRODUCT.md). Labels are
// i18n keys `theme.<key>`; the order here is the order residents see.
export const PROCEDURE_THEMES = [
  'PAPERS_CITIZENSHIP',
  'FAMILY_SCHOOLING',
  'SOCIAL_HEALTH',
  'WORK_TRAINING',
  'HOUSING',
  'TRANSPORT_MOBILITY',
  'MONEY_TAXES',
  'JUSTICE',
  'FOREIGNERS_EUROPE',
  'LEISURE_SPORTS_CULTURE',
] as const

export const DIGITAL_SKILL_THEMES = [
  'DIGITAL_EQUIPMENT',
  'DIGITAL_BROWSING',
  'DIGITAL_EMAIL',
  'DIGITAL_OFFICE',
  'DIGITAL_SOCIAL_MEDIA',
  'DIGITAL_HEALTH',
  'DIGITAL_BANKING_SHOPPING',
  'DIGITAL_ENTREPRENEURSHIP',
  'DIGITAL_JOB_SEARCH',
  'DIGITAL_SECURITY',
  'DIGITAL_PARENTING',
  'DIGITAL_SCHOOLING',
  'DIGITAL_CREATION',
  'DIGITAL_CULTURE',
] as const

export type Theme = (typeof PROCEDURE_THEMES)[number] | (typeof DIGITAL_SKILL_THEMES)[number]
export type ThemeGroup = 'PROCEDURES' | 'DIGITAL_SKILLS'

const ALL_THEMES: readonly string[] = [...PROCEDURE_THEMES, ...DIGITAL_SKILL_THEMES]

export function isTheme(value: string): value is Theme {
  return ALL_THEMES.includes(value)
}

export function themeGroup(theme: Theme): ThemeGroup {
  return (PROCEDURE_THEMES as readonly string[]).includes(theme) ? 'PROCEDURES' : 'DIGITAL_SKILLS'
}

export function themeOrder(theme: Theme): number {
  return ALL_THEMES.indexOf(theme)
}
