/** `npx tsx bench/import-memory-alone.ts`: the import memory bench alone (also part of `npm run bench`); it prints bytes, not a table row. */
import { importMemoryBench } from './import-memory-bench';
import { runAlone } from './run-alone';

await runAlone(async (ctx) => {
  importMemoryBench(ctx);
  return [];
}, 1);
