/**
 * `npx tsx bench/optimizer-alone.ts [runs]`: the optimizer benchmark alone (it is also part of
 * `npm run bench`), run `runs` times (default 3); prints each run and the median with its spread.
 */
import { optimizerBenches } from './optimizer-bench';
import { runAlone } from './run-alone';

await runAlone(optimizerBenches, Number(process.argv[2] ?? 3));
