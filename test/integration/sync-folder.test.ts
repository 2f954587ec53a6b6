/**
 * Sync through a folder, on real files: answers travel both ways, sync-service leftovers never break
 * a sync, compaction, media by content hash, and a restored backup taking a new device id.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../src/shared/api/sync-contract';
import { DEVICES_DIR } from '../../src/main/core/sync/sync-files';
import { entityOf } from '../../src/main/core/sync/sync-events';
import { DEVICE_NAME_FILE } from '../../src/main/services/sync/device-names';
import { createMemorySecretStore } from '../../src/main/services/sync/memory-secret-store';
import { createSyncService, type SyncServiceOptions } from '../../src/main/services/sync/sync-service';
import { createFolderTarget } from '../../src/main/services/sync/targets/folder-target';
import { SyncTargetError } from '../../src/main/services/sync/targets/sync-target';
import { answerCards, answersOf, cardStatesOf, syncFixtures, syncNow } from '../support/sync-apps';
import type { TempApp } from '../support/temp-app';

const fx = syncFixtures();

const connect = async (t: TempApp, folder: string): Promise<void> => {
  const r = await t.call<{ connected: boolean }>('sync.setFolder', { path: folder });
  expect(r.connected).toBe(true);
};
/** A device's event files (its name file aside). */
const deviceFiles = (folder: string, device: string): string[] =>
  readdirSync(join(folder, ...DEVICES_DIR.split('/'), device))
    .filter((f) => f !== DEVICE_NAME_FILE)
    .sort();
const deviceOf = (t: TempApp): string => t.app.services.journal.device!;

/** Two apps connected to one new folder. */
async function connectedPair(): Promise<{ folder: string; a: TempApp; b: TempApp }> {
  const folder = fx.folder();
  const [a, b] = [fx.app(), fx.app()];
  await connect(a, folder);
  await connect(b, folder);
  return { folder, a, b };
}

/** A second sync service on an app's collection, with other options. */
function serviceOn(t: TempApp, options: SyncServiceOptions) {
  const s = t.app.services;
  return createSyncService(
    { repos: s.repos, settings: s.settings, journal: s.journal, clock: t.clock, timeZone: 'UTC', media: s.media, events: s.events, secrets: createMemorySecretStore() },
    options,
  );
}

describe('folder target', () => {
  it('writes whole files through a temporary name and classifies what goes wrong', async () => {
    const root = fx.folder();
    const target = createFolderTarget(root);
    await target.makeFolder('a/b');
    await target.write('a/b/f.bin', new Uint8Array([1, 2, 3]));
    await target.write('a/b/f.bin', new Uint8Array([4, 5]));
    expect(await target.list('a/b')).toEqual([{ name: 'f.bin', folder: false }]);
    expect([...(await target.read('a/b/f.bin'))!]).toEqual([4, 5]);
    expect(await target.read('a/b/none')).toBeNull();
    expect(await target.list('a/none')).toEqual([]);
    await target.remove('a/b/f.bin');
    await target.remove('a/b/f.bin');
    expect(readdirSync(join(root, 'a', 'b'))).toEqual([]);

    const gone = createFolderTarget(join(root, 'unplugged-drive'));
    await expect(gone.list('x')).rejects.toMatchObject({ kind: 'unreachable' });
    await expect(gone.write('x', new Uint8Array(1))).rejects.toBeInstanceOf(SyncTargetError);
    writeFileSync(join(root, 'plain-file'), 'x');
    await expect(target.write('plain-file/y', new Uint8Array(1))).rejects.toMatchObject({ kind: expect.stringMatching(/unreachable|other/) });
  });
});

describe('sync through a folder', () => {
  it("brings each computer's answers to the other, once, and a second sync changes nothing", async () => {
    const { a, b } = await connectedPair();
    await answerCards(a, 3);
    b.clock.advance(30_000);
    await answerCards(b, 2, 4);
    await syncNow(a);
    const sb = await syncNow(b);
    expect(sb.lastReport!.received.answers).toBe(3);
    await syncNow(a);
    expect(answersOf(a)).toHaveLength(5);
    expect(answersOf(b)).toEqual(answersOf(a));
    expect(answersOf(a).every((r) => !r.startsWith('null'))).toBe(true);
    expect(cardStatesOf(b)).toEqual(cardStatesOf(a));
    const again = await syncNow(b);
    expect(again.lastReport!.received.events).toBe(0);
    expect(again.lastReport!.sent.events).toBe(0);
    expect(answersOf(b)).toHaveLength(5);
  });

  it('shows each computer by the name it gives itself; a name file that is too big or not a name is shown by the id', async () => {
    const { folder, a, b } = await connectedPair();
    const laptop = serviceOn(a, { computerName: 'Laptop\u0007 (home)\n' });
    const desktop = serviceOn(b, { computerName: 'Desktop' });
    await answerCards(a, 2);
    await laptop.syncNow();
    const sb = await desktop.syncNow();
    expect(sb.device.name).toBe('Desktop');
    expect(sb.lastReport!.received.devices).toEqual([{ id: deviceOf(a), name: 'Laptop (home)', events: expect.any(Number), answers: 2 }]);
    expect(sb.peers).toEqual([{ id: deviceOf(a), name: 'Laptop (home)', mergedAt: expect.any(Number) }]);
    expect((await laptop.syncNow()).peers).toEqual([{ id: deviceOf(b), name: 'Desktop', mergedAt: expect.any(Number) }]);
    // A damaged or hostile name file: the name known before stays; a computer never named shows by id.
    const nameOf = (device: string) => join(folder, ...DEVICES_DIR.split('/'), device, DEVICE_NAME_FILE);
    writeFileSync(nameOf(deviceOf(a)), JSON.stringify({ name: 'x'.repeat(10_000) }));
    expect((await desktop.syncNow()).peers[0]!.name).toBe('Laptop (home)');
    const c = fx.app();
    await connect(c, folder);
    await syncNow(c);
    writeFileSync(nameOf(deviceOf(c)), '{"name": 42}');
    const names = (await desktop.syncNow()).peers.map((p) => p.name).sort();
    expect(names).toEqual(['Laptop (home)', null].sort());
  });

  it('skips a half-written file and ignores conflicted copies and temporary files, then reads the file once it is whole', async () => {
    const { folder, a, b } = await connectedPair();
    await answerCards(a, 2);
    await syncNow(a);
    await answerCards(a, 2);
    await syncNow(a);
    const dir = join(folder, ...DEVICES_DIR.split('/'), deviceOf(a));
    const files = deviceFiles(folder, deviceOf(a));
    expect(files).toHaveLength(2);
    const last = files[1]!;
    const whole = readFileSync(join(dir, last));
    const stem = last.replace('.events.gz', '');
    for (const junk of [`${stem} (conflicted copy 2026-03-10).events.gz`, `${stem}.sync-conflict-20260310-090000-ABCDEFG.events.gz`, `.syncthing.${last}.tmp`, `~syncthing~${last}.tmp`, `${last}.partial`, `~$${last}`]) {
      writeFileSync(join(dir, junk), whole.subarray(0, 40));
    }
    mkdirSync(join(folder, ...DEVICES_DIR.split('/'), 'not a device (conflicted copy)'));
    truncateSync(join(dir, last), Math.floor(whole.length / 2));

    const half = await syncNow(b);
    expect(half.lastReport!.skippedFiles).toBe(1);
    expect(half.lastError).toBeNull();
    // The first file is merged; the half one waits, and nothing of it is kept.
    expect(answersOf(b)).toHaveLength(2);

    writeFileSync(join(dir, last), whole);
    const full = await syncNow(b);
    expect(full.lastReport!.skippedFiles).toBe(0);
    expect(answersOf(b)).toEqual(answersOf(a));
  });

  it('compacts its old files into one snapshot that a new computer and a half-way one both merge', async () => {
    const { folder, a, b } = await connectedPair();
    const small = serviceOn(a, { fileCap: 200, compactAfter: 3 });
    await answerCards(a, 1);
    await small.syncNow();
    await syncNow(b);
    for (let round = 0; round < 4; round++) {
      await answerCards(a, 1);
      await small.syncNow();
    }
    const files = deviceFiles(folder, deviceOf(a));
    const snapshots = files.filter((f) => f.startsWith('snapshot-'));
    expect(snapshots).toHaveLength(1);
    expect(files.length).toBeLessThanOrEqual(4);
    const c = fx.app();
    await connect(c, folder);
    await syncNow(c);
    await syncNow(b);
    expect(answersOf(a)).toHaveLength(5);
    expect(answersOf(c)).toEqual(answersOf(a));
    expect(answersOf(b)).toEqual(answersOf(a));
    expect(cardStatesOf(c)).toEqual(cardStatesOf(a));
  });

  it('takes a file it wrote but did not remember (a crash before the position moved) as its own', async () => {
    const folder = fx.folder();
    const a = fx.app();
    await connect(a, folder);
    await syncNow(a);
    const sync = a.app.services.repos.sync;
    const [exported, own] = [sync.state('exported_seq')!, sync.state('own_files')!];
    await answerCards(a, 2);
    await syncNow(a);
    const device = deviceOf(a);
    const written = deviceFiles(folder, device);
    sync.setState('exported_seq', exported);
    sync.setState('own_files', own);
    const s = await syncNow(a);
    expect(s.device.id).toBe(device);
    expect(s.lastReport!.sent.events).toBe(0);
    expect(deviceFiles(folder, device)).toEqual(written);
  });

  it('a restored backup takes a new device id and gets back the answers made after the backup', async () => {
    const { a, b } = await connectedPair();
    await answerCards(a, 2);
    await syncNow(a);
    const oldDevice = deviceOf(a);
    a.app.close();
    const backup = fx.folder();
    cpSync(a.dataDir, backup, { recursive: true });
    a.reopen();
    await answerCards(a, 3);
    await syncNow(a);
    const beforeLoss = answersOf(a);
    expect(beforeLoss).toHaveLength(5);

    // The disk dies; the backup is restored (its clock is where the first one's was).
    const r = fx.app(backup);
    r.clock.set(a.clock.now() + 3_600_000);
    await answerCards(r, 1, 1);
    const s = await syncNow(r);
    expect(s.device.id).not.toBe(oldDevice);
    expect(s.peers.map((p) => p.id)).toContain(oldDevice);
    expect(answersOf(r)).toHaveLength(6);
    expect(answersOf(r)).toEqual(expect.arrayContaining(beforeLoss));
    await syncNow(b);
    expect(answersOf(b)).toEqual(answersOf(r));
    expect(new Set(answersOf(b).map((x) => x.split(' ')[0])).size).toBe(6);
    // The restored copy's own folder holds only files it can account for: a later sync keeps its id.
    expect((await syncNow(r)).device.id).toBe(s.device.id);
  });

  it('writes everything again into a new target it is moved to', async () => {
    const { a } = await connectedPair();
    await answerCards(a, 2);
    await syncNow(a);
    const second = fx.folder();
    await connect(a, second);
    const moved = await syncNow(a);
    expect(moved.lastReport!.sent.events).toBe(a.app.services.repos.sync.countLocal());
    const c = fx.app();
    await connect(c, second);
    await syncNow(c);
    expect(answersOf(c)).toEqual(answersOf(a));
  });

  it('sends media files by content hash and fetches the ones other computers list', async () => {
    const { folder, a, b } = await connectedPair();
    const bytes = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>');
    const sha = createHash('sha256').update(bytes).digest('hex');
    const s = a.app.services;
    const staging = s.media.staging();
    staging.put('diagram.svg', bytes);
    s.repos.db.transaction(() => s.repos.media.insert({ name: 'diagram.svg', sha256: sha, bytes: bytes.length }, a.clock.now()))();
    staging.publish();
    const sent = await syncNow(a);
    expect(sent.lastReport!.sent.media).toBe(1);
    expect(readFileSync(join(folder, 'retain-sync', 'media', sha))).toEqual(Buffer.from(bytes));
    const got = await syncNow(b);
    expect(got.lastReport!.received.media).toBe(1);
    expect(b.app.services.repos.media.get('diagram.svg')).toMatchObject({ sha256: sha, bytes: bytes.length });
    expect(b.app.services.media.read('diagram.svg')).toEqual(bytes);
    expect(b.app.services.repos.sync.hasEntity(entityOf.media(sha))).toBe(true);
  });
});

describe('sync errors', () => {
  it('reports an unreachable folder without stopping anything, and writes everything again into a folder that was emptied', async () => {
    const folder = fx.folder();
    const a = fx.app();
    await connect(a, folder);
    await answerCards(a, 1);
    await syncNow(a);
    rmSync(folder, { recursive: true, force: true });
    const failed = await a.call<SyncStatus>('sync.now');
    expect(failed.lastError).toMatchObject({ code: 'unreachable', message: expect.stringContaining(folder) });
    await answerCards(a, 1);
    mkdirSync(folder);
    const ok = await syncNow(a);
    expect(ok.lastError).toBeNull();
    const b = fx.app();
    await connect(b, folder);
    await syncNow(b);
    expect(answersOf(b)).toEqual(answersOf(a));
    expect(answersOf(b)).toHaveLength(2);
  });

  it('syncs on its own a moment after the last change, and reports progress on the event bus', async () => {
    const folder = fx.folder();
    const a = fx.app();
    await connect(a, folder);
    const s = a.app.services;
    const phases: string[] = [];
    const off = s.events.subscribe((e) => {
      if (e.type === 'sync.progress') phases.push(e.progress.phase);
    });
    const auto = serviceOn(a, { auto: true, quietMs: 1000 });
    try {
      // The sync at start turns the journal on and sends the collection.
      for (let i = 0; i < 100 && !auto.status().lastReport; i++) await new Promise((r) => setTimeout(r, 100));
      expect(auto.status().lastReport?.sent.events).toBeGreaterThan(0);
      await answerCards(a, 1);
      const sent = s.repos.sync.maxSeq();
      for (let i = 0; i < 100 && Number(s.repos.sync.state('exported_seq')) < sent; i++) await new Promise((r) => setTimeout(r, 100));
      expect(Number(s.repos.sync.state('exported_seq'))).toBe(sent);
      expect(phases).toContain('sending');
      expect(phases).toContain('done');
    } finally {
      auto.stop();
      off();
    }
  }, 30_000);
});
