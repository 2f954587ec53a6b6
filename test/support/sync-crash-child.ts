/**
 * A process that syncs one collection through a folder and prints each step, for the crash test to
 * kill with SIGKILL part-way. Every file transfer is slowed down a little so the kill lands mid-sync.
 * Usage: sync-crash-child <data dir> <folder> <now ms> <events per file>
 */
import { createApp } from '../../src/main/app';
import { manualClock } from '../../src/main/core/clock';
import { createAppliers } from '../../src/main/services/sync/appliers';
import { recordUnjournaled } from '../../src/main/services/sync/sync-genesis';
import { emptyReport, runSync } from '../../src/main/services/sync/sync-run';
import { syncState } from '../../src/main/services/sync/sync-state';
import { createFolderTarget } from '../../src/main/services/sync/targets/folder-target';
import type { SyncTarget } from '../../src/main/services/sync/targets/sync-target';

const [dataDir, folder, now, cap] = process.argv.slice(2);
const pause = () => new Promise((r) => setTimeout(r, 15));
const slow = (t: SyncTarget): SyncTarget => ({
  ...t,
  read: async (path) => {
    await pause();
    const data = await t.read(path);
    console.log(`read ${path}`);
    return data;
  },
  write: async (path, data) => {
    await pause();
    await t.write(path, data);
    console.log(`wrote ${path}`);
  },
});

const clock = manualClock(Number(now));
const app = createApp({ dataDir: dataDir!, clock, timeZone: 'UTC' });
const s = app.services;
const deps = { repos: s.repos, settings: s.settings, journal: s.journal, clock, timeZone: 'UTC' };
await runSync({
  deps,
  appliers: createAppliers(deps),
  genesis: recordUnjournaled,
  media: s.media,
  state: syncState(s.repos.sync),
  target: slow(createFolderTarget(folder!)),
  fileCap: Number(cap),
  computerName: 'crash test',
  report: emptyReport(clock.now()),
  unreadable: [],
  progress: (phase, done, total) => console.log(`${phase} ${done}/${total}`),
});
console.log('DONE');
app.close();
