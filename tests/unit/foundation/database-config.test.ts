import { describe, expect, test } from 'vitest'
import { DatabaseConfigError, resolveDatabaseConfig } from '~/platform/database/config.server'

describe('choosing the database from DATABASE_URL', () => {
  test('without DATABASE_URL, an SQLite file under data/', () => {
    expect(resolveDatabaseConfig(undefined, '/srv/permanence')).toEqual({
      provider: 'sqlite',
      url: 'file:/srv/permanence/data/permanence.db',
      filePath: '/srv/permanence/data/permanence.db',
    })
    expect(resolveDatabaseConfig('  ', '/srv/app').provider).toBe('sqlite')
  })

  test('a file: URL is an SQLite file relative to the working folder', () => {
    expect(resolveDatabaseConfig('file:./var/db.sqlite', '/srv/app')).toMatchObject({
      provider: 'sqlite',
      filePath: '/srv/app/var/db.sqlite',
    })
  })

  test('a postgresql:// or postgres:// URL is PostgreSQL, described without its password', () => {
    const config = resolveDatabaseConfig('postgresql://app:s3cret@db.example:6543/permanence')
    expect(config).toMatchObject({
      provider: 'postgresql',
      description: 'db.example:6543/permanence',
    })
    expect(JSON.stringify({ ...config, url: undefined })).not.toContain('s3cret')
    expect(resolveDatabaseConfig('postgres://db.example/permanence')).toMatchObject({
      provider: 'postgresql',
      description: 'db.example:5432/permanence',
    })
  })

  test.each([
    ['mysql://root@localhost/db', /must start with "file:" \(SQLite\) or "postgresql:\/\/"/],
    ['postgresql://', /is not a valid URL|must name a host and a database/],
    ['postgresql://db.example', /must name a host and a database/],
    ['file:./data/', /must name an SQLite file/],
  ])('%s is refused with a clear message', (url, message) => {
    expect(() => resolveDatabaseConfig(url, '/srv/app')).toThrow(DatabaseConfigError)
    expect(() => resolveDatabaseConfig(url, '/srv/app')).toThrow(message)
  })
})
