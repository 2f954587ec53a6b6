/**
 * `npx tsx bench/browse-alone.ts [runs]`: the browser search benchmark alone (it is also part of
 * `npm run bench`), run `runs` times (default 3); prints each run and the median with its spread.
 */
import { browseBenches } from './browse-bench';
import { runAlone } from './run-alone';

await runAlone(browseBenches, Number(process.argv[2] ?? 3));
