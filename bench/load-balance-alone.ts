/** `node scripts/run-ts.mjs bench/load-balance-alone.ts [runs] [cards]`: the load-balancing bench alone (also part of `npm run bench`). */
import { loadBalanceBenches } from './load-balance-bench';
import { runAlone } from './run-alone';

await runAlone((ctx) => loadBalanceBenches(ctx, Number(process.argv[3] ?? 200_000)), Number(process.argv[2] ?? 1));
