// Lint: typescript-eslint's recommended rules, React hooks rules, and the layer boundaries:
// the renderer never imports the main process or Electron; core stays pure (no db, services,
// hosts, Electron, or I/O modules); only the hosts and the Electron entry import Electron.
// The interchange wing (import/export): formats/ holds pure readers and writers, anki/ the Anki
// package codec (it reads and writes Anki's own SQLite files, never Retain's database), import/
// and export/ the use cases, which reach Retain's tables only through db/repos.
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
});

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', '.electron-sqlite/**', 'test-results/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: "ExportDefaultDeclaration", message: 'Use named exports.' }],
    },
  },
  {
    files: ['*.config.ts', '*.config.js', 'eslint.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      ...restrict(['**/main/**', 'electron', 'node:*', 'better-sqlite3'], 'The renderer knows only the contract in src/shared.'),
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: restrict(['**/main/**', '**/renderer/**', 'electron', 'node:*', 'better-sqlite3'], 'src/shared is imported by both sides: keep it free of either.'),
  },
  {
    files: ['src/main/core/**/*.ts'],
    rules: restrict(
      ['../db/*', '../../db/*', '../services/*', '../../services/*', '../interchange/**', '../../interchange/**', '../api/*', '../../api/*', '../http/*', '../electron/*', 'electron', 'better-sqlite3', 'node:fs', 'node:path', 'node:os', 'node:child_process', 'node:http'],
      'core is pure logic: no database, no I/O, no hosts.',
    ),
  },
  {
    files: ['src/main/db/**/*.ts'],
    rules: restrict(['../services/*', '../../services/*', '**/interchange/**', '../api/*', '../../api/*', '../http/*', '../electron/*', 'electron'], 'db/ holds SQL only; it does not call services, the interchange wing or hosts.'),
  },
  {
    files: ['src/main/interchange/formats/**/*.ts'],
    rules: restrict(
      ['**/db/**', '**/services/**', '../import/**', '../export/**', '../anki/read-*', '../anki/write-*', '../../api/**', '../../http/**', '../../electron/**', 'electron', 'better-sqlite3', 'node:fs', 'node:path', 'node:os', 'node:child_process', 'node:http', 'node:worker_threads'],
      'interchange/formats holds pure readers and writers: no database, no use cases, no file or host I/O.',
    ),
  },
  {
    files: ['src/main/interchange/anki/**/*.ts'],
    rules: restrict(
      ['**/db/**', '**/services/**', '../import/**', '../export/**', '../../api/**', '../../http/**', '../../electron/**', 'electron'],
      "interchange/anki is the Anki package codec: it knows Anki's files, not Retain's database, use cases or hosts.",
    ),
  },
  {
    files: ['src/main/interchange/import/**/*.ts', 'src/main/interchange/export/**/*.ts'],
    rules: restrict(['../../api/**', '../../http/**', '../../electron/**', 'electron'], 'Import and export use cases do not know the hosts.'),
  },
  {
    files: ['src/main/interchange/export/**/*.ts'],
    rules: restrict(['../import/**', '../../api/**', '../../http/**', '../../electron/**', 'electron'], 'Export does not depend on the import use case; shared rules live in src/shared or formats/.'),
  },
  {
    files: ['src/main/services/**/*.ts'],
    rules: restrict(['../api/*', '../http/*', '../electron/*', 'electron'], 'Services do not know the hosts.'),
  },
  {
    files: ['src/main/http/**/*.ts', 'src/main/api/**/*.ts', 'src/main/cli/**/*.ts', 'src/main/serve.ts', 'src/main/app.ts'],
    rules: restrict(['electron'], 'Only the Electron host and entry import electron.'),
  },
);
