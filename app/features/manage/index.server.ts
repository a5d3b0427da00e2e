// What other features and their routes use of the resident's manage link: moving, and
// the page a link that does not work answers.
export { moveToSlot } from './commands.server'
export { manageLinkNotFound } from './pages.server'
