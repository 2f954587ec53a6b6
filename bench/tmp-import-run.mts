import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importBenches } from './import-bench';
const dirs: string[] = [];
const ctx = { tmp: (n: string) => { const d = mkdtempSync(join(tmpdir(), n)); dirs.push(d); return d; }, log: console.log, now: Date.UTC(2026, 2, 10, 12) };
const res = await importBenches(ctx);
for (const r of res) console.log(r.name, r.value_ms.toFixed(0), r.baseline_ms.toFixed(0), r.ratio.toFixed(2));
for (const d of dirs) rmSync(d, { recursive: true, force: true });
