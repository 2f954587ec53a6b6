/**
 * `npx tsx bench/readiness-alone.ts [runs]`: readiness per topic and the simulator benchmark alone
 * (also part of `npm run bench`), run `runs` times (default 3); prints each run and the median with its spread.
 */
import { runAlone } from './run-alone';
import { readinessBenches } from './readiness-bench';

await runAlone(readinessBenches, Number(process.argv[2] ?? 3));
