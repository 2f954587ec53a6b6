/**
 * `npx tsx bench/import-alone.ts [runs]`: the import benchmarks alone (they are also part of
 * `npm run bench`), run `runs` times (default 3); prints each run and the median with its spread.
 */
import { importBenches } from './import-bench';
import { runAlone } from './run-alone';

await runAlone(importBenches, Number(process.argv[2] ?? 3));
