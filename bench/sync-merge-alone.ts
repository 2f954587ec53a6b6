/**
 * `npx tsx bench/sync-merge-alone.ts [runs]`: the sync merge benchmark alone (it is also part of
 * `npm run bench`), run `runs` times (default 3) on one built collection; prints each run and the
 * median with its spread.
 */
import { runAlone } from './run-alone';
import { syncMergeBenches } from './sync-merge-bench';

await runAlone(syncMergeBenches, Number(process.argv[2] ?? 3));
