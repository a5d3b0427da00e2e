import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { VARIABLES } from '~/platform/config/variables.server'

// The README's configuration table is what operators read: it names every variable of the
// schema, once, with the default the schema applies.

function readmeTable(): Map<string, string> {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')
  const lines = readme.slice(readme.indexOf('\n## Configuration\n')).split('\n')
  const first = lines.findIndex((line) => line.startsWith('|'))
  const end = lines.findIndex((line, index) => index > first && !line.startsWith('|'))
  // After the header row and its separator.
  const rows = lines.slice(first + 2, end)
  const table = new Map<string, string>()
  for (const row of rows) {
    const [name, documented] = row
      .split('|')
      .slice(1)
      .map((cell) => cell.trim())
    const variable = /^`([A-Z_]+)`$/u.exec(name ?? '')?.[1]
    expect(variable, `a row that names no variable: ${row}`).toBeDefined()
    expect(table.has(variable!), `${variable} twice`).toBe(false)
    table.set(variable!, documented ?? '')
  }
  return table
}

test('the README configuration table and the schema name the same variables, with the same defaults', () => {
  const expected = new Map(
    Object.entries(VARIABLES).map(([name, { documentedDefault }]) => [name, documentedDefault]),
  )
  const table = readmeTable()
  const rowsToWrite = [...expected]
    .filter(([name, documented]) => table.get(name) !== documented)
    .map(([name, documented]) => `| \`${name}\` | ${documented} | … |`)
  expect(rowsToWrite, 'README rows to add or correct').toEqual([])
  expect(
    [...table.keys()].filter((name) => !expected.has(name)),
    'README rows of no variable',
  ).toEqual([])
})
