/**
 * `npx tsx bench/plan-alone.ts [runs]`: the planner's proof row and the 90-day simulation bench
 * alone (they are also part of `npm run bench`), run `runs` times (default 1).
 */
import { planBenches } from './plan-bench';
import { runAlone } from './run-alone';

await runAlone(planBenches, Number(process.argv[2] ?? 1));
