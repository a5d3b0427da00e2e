// What other features and their routes use of the resident's manage link.
export { moveToSlot } from './commands.server'
