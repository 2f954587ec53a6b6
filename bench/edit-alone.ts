/** `npx tsx bench/edit-alone.ts [runs]`: the note-edit benchmark alone, run `runs` times (default 3). */
import { editBenches } from './edit-bench';
import { runAlone } from './run-alone';

await runAlone(editBenches, Number(process.argv[2] ?? 3));
