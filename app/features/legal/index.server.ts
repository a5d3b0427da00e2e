// What other features and their routes use of the legal pages: the pages and the admin's form.
export { legalPageOf, type LegalPage } from './pages.server'
export {
  ACCESSIBILITY_STATUSES,
  LEGAL_FIELDS,
  legalSettingsSchema,
  legalSettingsValues,
} from './settings.server'
