export * from './password'
export * from './policy'
export * from './receiving'
