import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const root = fileURLToPath(new URL('..', import.meta.url))
const alias = { '~': fileURLToPath(new URL('../app', import.meta.url)) }
const setupFiles = ['tests/support/config-setup.ts']

// Three projects so `npm test` can run fast pure tests, database suites and browser
// suites separately (and the scheduling suite under several TZ values).
export default defineConfig({
  root,
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          root,
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          setupFiles,
          // Vitest refuses projects run together with different worker counts.
          maxWorkers: 2,
          isolate: false,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          root,
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          setupFiles,
          // Two files at a time (decision 089): they spend much of their time waiting on
          // child processes and timers; Vitest's default on two cores is one.
          maxWorkers: 2,
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'browser',
          root,
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          setupFiles,
          testTimeout: 60_000,
          hookTimeout: 180_000,
          // Two files at a time (decision 089): each spends most of its time waiting on the
          // app and Chromium; Vitest's default on two cores is one.
          maxWorkers: 2,
          isolate: false,
          globalSetup: ['tests/support/browser-setup.ts'],
        },
      },
    ],
  },
})
