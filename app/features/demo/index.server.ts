// The demo organisation the embedded database starts with outside production.
export { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './seed.server'
