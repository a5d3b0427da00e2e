// Flat config, kept out of the top level; `npm run lint` points at it.
import js from '@eslint/js'
import boundaries from 'eslint-plugin-boundaries'
import importX from 'eslint-plugin-import-x'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import react from 'eslint-plugin-react'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import { FEATURES, ROUTE_OWNERS } from './layout.js'

// The dependency rule of docs/architecture.md, so the shape holds without anyone
// remembering it: domain imports nothing of the app; platform only platform and domain; a
// feature its own files, domain, platform, i18n and shared components, and other features
// through their public entry (index.server.ts, and their links in paths.ts) only; a route
// its own feature, the public entry of others, domain, platform, i18n and components; a .ts
// module never a .tsx one (nothing server-side imports a UI module). import-x/no-cycle
// refuses every cycle.
const ENV_MESSAGE =
  'Read the configuration through config() of ~/platform/config/config.server: its schema names every variable.'

const feature = (name) => ({ element: { type: 'feature', captured: { name } } })
const publicEntry = { element: { type: 'feature', fileInternalPath: 'index.server.ts' } }
// A feature's link builders (paths.ts, importing nothing) are public too: the notifications
// render the links of workshops and alerts, whose entries import the notifications' one.
const publicPaths = { element: { type: 'feature', fileInternalPath: 'paths.ts' } }
const shared = (...types) => types.map((type) => ({ element: { type } }))

const elements = [
  { type: 'domain', pattern: 'app/domain', mode: 'folder' },
  { type: 'platform', pattern: 'app/platform', mode: 'folder' },
  { type: 'feature', pattern: 'app/features/*', mode: 'folder', capture: ['name'] },
  ...Object.entries(ROUTE_OWNERS).map(([owner, patterns]) => ({
    type: `route-of-${owner}`,
    pattern: patterns.map((route) => `app/routes/${route}`),
    mode: 'file',
  })),
  { type: 'route', pattern: 'app/routes/*', mode: 'file' },
  { type: 'components', pattern: 'app/components', mode: 'folder' },
  { type: 'i18n', pattern: 'app/i18n', mode: 'folder' },
  { type: 'main', pattern: 'app/main', mode: 'folder' },
  { type: 'shell', pattern: 'app/*.{ts,tsx}', mode: 'file' },
]

const policies = [
  { from: { element: { type: 'domain' } }, allow: { to: shared('domain') } },
  { from: { element: { type: 'platform' } }, allow: { to: shared('platform', 'domain') } },
  {
    from: { element: { type: 'feature' } },
    allow: {
      to: [...shared('domain', 'platform', 'i18n', 'components'), publicEntry, publicPaths],
    },
  },
  ...FEATURES.map((name) => ({
    from: { element: { type: `route-of-${name}` } },
    allow: {
      to: [...shared('domain', 'platform', 'i18n', 'components'), feature(name), publicEntry],
    },
  })),
  {
    from: { element: { type: 'route' } },
    allow: { to: [...shared('domain', 'platform', 'i18n', 'components'), publicEntry] },
  },
  {
    from: { element: { type: 'components' } },
    allow: { to: [...shared('domain', 'i18n', 'components'), publicEntry] },
  },
  { from: { element: { type: 'i18n' } }, allow: { to: shared('i18n', 'domain', 'platform') } },
  {
    from: { element: { type: 'shell' } },
    allow: { to: shared('components', 'i18n', 'platform', 'shell') },
  },
  {
    from: { element: { type: 'main' } },
    allow: { to: shared('domain', 'platform', 'feature', 'main') },
  },
  { allow: { dependency: { relationship: { to: 'internal' } } } },
  {
    from: { file: { categories: 'module' } },
    disallow: { to: { file: { categories: 'ui' } } },
    message: 'A .ts module (server or plain) must not import a UI module (.tsx).',
  },
]

export default tseslint.config(
  {
    ignores: [
      'build/**',
      'node_modules/**',
      'app/platform/database/generated/**',
      'prisma/.generated/**',
      'data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': ['error', { allow: ['error', 'warn', 'log'] }],
    },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX, boundaries },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
      'import/resolver': { typescript: { project: 'tsconfig.json' } },
      'boundaries/elements': elements,
      'boundaries/files': [
        { category: 'ui', pattern: 'app/**/*.tsx' },
        { category: 'module', pattern: 'app/**/*.ts' },
      ],
      'boundaries/include': ['app/**/*'],
      'boundaries/ignore': ['app/platform/database/generated/**'],
      'boundaries/legacy-warnings': false,
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-duplicates': 'error',
      'boundaries/dependencies': ['error', { default: 'disallow', checkInternals: true, policies }],
      'boundaries/no-unknown-files': 'error',
    },
  },
  {
    // Configuration is read once, in platform/config (decision 018): a variable read
    // anywhere else would escape its schema, its default and its production checks.
    files: ['app/**/*.{ts,tsx}'],
    ignores: ['app/platform/config/config.server.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: ENV_MESSAGE },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: ['process', 'node:process'].map((name) => ({
            name,
            importNames: ['env'],
            message: ENV_MESSAGE,
          })),
        },
      ],
    },
  },
  {
    files: ['app/**/*.tsx'],
    plugins: { react, 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    settings: { react: { version: '18.3' } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs['jsx-runtime'].rules,
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.configs.strict.rules,
      'react/prop-types': 'off',
    },
  },
)
