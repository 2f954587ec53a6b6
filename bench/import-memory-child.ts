/**
 * One import in a process of its own, for the memory bench (import-memory-bench.ts): stages the
 * file named on the command line (delimited text or an Anki package, by its extension) the way
 * the command line does (streamed from its path), commits it, and prints the process's peak
 * resident memory (every thread counted) as JSON.
 * `node --import tsx bench/import-memory-child.ts <file> <dataDir> [worker.js]`
 */
import { basename } from 'node:path';
import { createApp } from '../src/main/app';
import { manualClock } from '../src/main/core/clock';

const [file, dataDir, worker] = process.argv.slice(2);
if (!file || !dataDir) throw new Error('usage: import-memory-child.ts <file> <dataDir> [worker.js]');
const startRss = process.resourceUsage().maxRSS * 1024;
const app = createApp({ dataDir, clock: manualClock(Date.UTC(2026, 2, 10, 12, 0)), timeZone: 'UTC', ...(worker ? { importWorkerFile: worker } : {}) });
const { stageId } = await app.services.imports.stagePath(basename(file), file);
const t0 = performance.now();
const result = await app.services.imports.commitStaged(stageId);
const ms = performance.now() - t0;
app.close();
console.log(JSON.stringify({ notes: result.notes, ms, startRss, peakRss: process.resourceUsage().maxRSS * 1024 }));
