/**
 * `npx tsx bench/stats-alone.ts [runs]`: the statistics benchmark alone (it is also part of
 * `npm run bench`), run `runs` times (default 3); prints each run and the median with its spread.
 */
import { runAlone } from './run-alone';
import { statsBenches } from './stats-bench';

await runAlone(statsBenches, Number(process.argv[2] ?? 3));
