// The fields and list pages of the administered records, which the pages (in the browser
// too) and their server modules share.

export const SITES_PATH = '/espace/admin/lieux'
export const TOPICS_PATH = '/espace/admin/motifs'

export const SITE_FIELDS = [
  'name',
  'shortName',
  'address',
  'postalCode',
  'city',
  'phone',
  'accessNotes',
  'accessibilityNotes',
  'holidayRegion',
  'pivot',
  'openData',
] as const

export const TOPIC_FIELDS = [
  'name',
  'format',
  'theme',
  'durationMinutes',
  'allowsInPerson',
  'allowsPhone',
  'minNoticeMinutes',
  'horizonDays',
  'bufferMinutes',
  'cancellationDeadlineMinutes',
  'isPublic',
  'instructions',
  'nameEn',
  'instructionsEn',
  'coopThemes',
  'franceServicesOperator',
] as const
