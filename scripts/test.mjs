#!/usr/bin/env node
// `npm test`: unit, integration and contract tests (vitest), then end-to-end tests (Playwright in
// Chromium). Prints one closing line with the totals of both.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = mkdtempSync(join(tmpdir(), 'retain-test-'));
const vitestJson = join(tmp, 'vitest.json');

// Build once first: some integration tests run the built app (the import worker as the app loads
// it), and the end-to-end tests below use the same build.
const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('The build failed; the tests did not run.');
  console.log('\n0 passed, 1 failed, 0 skipped');
  process.exit(1);
}

const vitest = spawnSync(
  process.execPath,
  [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`],
  { cwd: root, stdio: 'inherit' },
);
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
} catch {
  failed += 1;
}

const e2eJson = join(tmp, 'e2e.json');
const e2e = spawnSync(process.execPath, [join(root, 'scripts', 'e2e.mjs'), '--reporter=list,json'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson, RETAIN_SKIP_BUILD: '1' },
});
try {
  const r = JSON.parse(readFileSync(e2eJson, 'utf8'));
  passed += r.stats.expected + r.stats.flaky;
  failed += r.stats.unexpected;
  skipped += r.stats.skipped;
} catch {
  failed += 1;
}
rmSync(tmp, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(vitest.status === 0 && e2e.status === 0 && failed === 0 ? 0 : 1);
