// What other features and their routes use of the legal pages: the admin's form, and the
// retention periods the privacy notice states.
export { legalPageOf, type LegalPage } from './pages.server'
export { retentionPeriodsOf, type RetentionPeriods } from './retention-periods.server'
export {
  ACCESSIBILITY_STATUSES,
  LEGAL_FIELDS,
  legalSettingsSchema,
  legalSettingsValues,
} from './settings.server'
