// What other features and their routes use of residents: finding one by name or phone.
export { residentById, searchResidents } from './search.server'
