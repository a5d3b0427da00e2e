export type DatabaseProvider = 'sqlite' | 'postgresql'

export function providerOf(databaseUrl: string): DatabaseProvider {
  return /^postgres(ql)?:\/\//.test(databaseUrl) ? 'postgresql' : 'sqlite'
}
