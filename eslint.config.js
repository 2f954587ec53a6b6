// Lint: typescript-eslint's recommended rules, React hooks rules, and the layer boundaries:
// the renderer never imports the main process or Electron; core stays pure (no db, services,
// hosts, Electron, or I/O modules); only the hosts and the Electron entry import Electron.
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
      ['../db/*', '../../db/*', '../services/*', '../../services/*', '../api/*', '../../api/*', '../http/*', '../electron/*', 'electron', 'better-sqlite3', 'node:fs', 'node:path', 'node:os', 'node:child_process', 'node:http'],
      'core is pure logic: no database, no I/O, no hosts.',
    ),
  },
  {
    files: ['src/main/db/**/*.ts'],
    rules: restrict(['../services/*', '../../services/*', '../api/*', '../../api/*', '../http/*', '../electron/*', 'electron'], 'db/ holds SQL only; it does not call services or hosts.'),
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
