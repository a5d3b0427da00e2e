export * from './password'
export * from './policy'
