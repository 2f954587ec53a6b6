/**
 * Every write transaction starts IMMEDIATE (it takes the write lock at BEGIN, where the busy
 * timeout applies), never DEFERRED (a read that turns into a write fails at once with
 * "database is locked" while another process writes). A transaction function kept in a
 * variable must only be called through `.immediate(...)`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('write transactions', () => {
  it('are called only through .immediate()', () => {
    const deferred: string[] = [];
    let found = 0;
    for (const file of sources(join(process.cwd(), 'src', 'main'))) {
      // Exports write a new file of their own, not the collection.
      if (file.includes(`${join('db', 'anki', 'write')}`)) continue;
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/const (\w+) = [\w.]+\.transaction\(/g)) {
        found++;
        const name = m[1]!;
        for (const call of text.matchAll(new RegExp(`(?<![\\w.])${name}\\(`, 'g'))) deferred.push(`${file}:${text.slice(0, call.index).split('\n').length} ${name}(…)`);
      }
      // Called at once, on one line: db.transaction(() => …)().
      for (const m of text.matchAll(/\.transaction\([^\n]*\)\(\)/g)) deferred.push(`${file}:${text.slice(0, m.index).split('\n').length} transaction(…)()`);
      for (const m of text.matchAll(/\.transaction\([\s\S]*?\n\s*\}\)\(\)/g)) deferred.push(`${file}:${text.slice(0, m.index).split('\n').length} transaction(…)()`);
    }
    expect(found).toBeGreaterThan(5);
    expect(deferred).toEqual([]);
  });
});
