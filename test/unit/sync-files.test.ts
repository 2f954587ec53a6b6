/** Sync file names and contents: exact names only, and a file that does not verify is "not ready", never a throw. */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeSyncFile, encodeSyncFile, eventsFileName, parseSyncFileName, snapshotFileName } from '../../src/main/core/sync/sync-files';
import { formatEventId } from '../../src/main/core/sync/event-id';
import type { SyncEvent } from '../../src/main/core/sync/sync-events';

const DEVICE = 'abcdefghijkl';
const events = (n: number, from = 0): SyncEvent[] =>
  Array.from({ length: n }, (_, i) => ({ id: formatEventId(1_700_000_000_000 + from + i, 0, DEVICE), entity: `setting:k${from + i}`, type: 'setting.set', body: { value: String(i) } }));

describe('sync file names', () => {
  it('zero-pads seqs so names sort in seq order, and parses back what it writes', () => {
    const sha = 'ab'.repeat(32);
    const names = [eventsFileName(1, 9, sha), eventsFileName(10, 200, sha), eventsFileName(201, 3000, sha)];
    expect([...names].sort()).toEqual(names);
    expect(parseSyncFileName(names[1]!)).toEqual({ kind: 'events', firstSeq: 10, lastSeq: 200, sha: sha.slice(0, 16), name: names[1] });
    expect(parseSyncFileName(snapshotFileName(3000, sha))).toMatchObject({ kind: 'snapshot', firstSeq: 1, lastSeq: 3000 });
  });

  it('ignores sync-service temporary files, conflicted copies and anything else', () => {
    const good = eventsFileName(1, 20, 'c'.repeat(64));
    const stem = good.replace('.events.gz', '');
    for (const name of [
      `.syncthing.${good}.tmp`,
      `~syncthing~${good}.tmp`,
      `${good}.tmp`,
      `${good}.partial`,
      `.~lock.${good}#`,
      `${stem} (conflicted copy 2026-03-01).events.gz`,
      `${stem} (Alice's conflicted copy).events.gz`,
      `${stem}.sync-conflict-20260301-101010-ABCDEF7.events.gz`,
      `~$${good}`,
      `.${good}.123-abc.tmp`,
      good.toUpperCase(),
      '000000000000-000000000001.cccccccccccccccc.events.gz',
      '000000000005-000000000001.cccccccccccccccc.events.gz',
      'format.json',
      'desktop.ini',
    ]) {
      expect(parseSyncFileName(name), name).toBeNull();
    }
    expect(parseSyncFileName(good)).not.toBeNull();
  });
});

describe('sync file content', () => {
  it('round-trips events with the checksum of the JSON in the name', () => {
    const file = encodeSyncFile({ device: DEVICE, firstSeq: 5, lastSeq: 9, events: events(5) });
    const name = parseSyncFileName(file.name)!;
    expect(name).toMatchObject({ firstSeq: 5, lastSeq: 9 });
    const decoded = decodeSyncFile(DEVICE, name, file.data);
    expect(decoded).toEqual({ ok: true, skipped: 0, content: { device: DEVICE, firstSeq: 5, lastSeq: 9, events: events(5) } });
    // Same content, same name: a file written again after a crash replaces itself with itself.
    expect(encodeSyncFile({ device: DEVICE, firstSeq: 5, lastSeq: 9, events: events(5) }).name).toBe(file.name);
  });

  it('says "not ready" for a half-written or corrupted file, and never throws', () => {
    const file = encodeSyncFile({ device: DEVICE, firstSeq: 1, lastSeq: 300, events: events(300) });
    const name = parseSyncFileName(file.name)!;
    for (const cut of [0, 1, 10, Math.floor(file.data.length / 2), file.data.length - 1]) {
      const r = decodeSyncFile(DEVICE, name, file.data.slice(0, cut));
      expect(r.ok, `cut at ${cut}`).toBe(false);
      if (!r.ok) expect(r.reason).toBe('not_ready');
    }
    const flipped = file.data.slice();
    flipped[Math.floor(flipped.length / 2)]! ^= 0xff;
    expect(decodeSyncFile(DEVICE, name, flipped)).toMatchObject({ ok: false });
    // Valid gzip of other content: the checksum in the name does not match.
    expect(decodeSyncFile(DEVICE, name, new Uint8Array(gzipSync('{"format":1}')))).toMatchObject({ ok: false, reason: 'not_ready' });
  });

  it('calls a file damaged when it verifies but breaks the format, and leaves out events that are not events', () => {
    const make = (doc: unknown, first = 1, last = 2) => {
      const json = JSON.stringify(doc);
      const sha = createHash('sha256').update(json).digest('hex');
      return { name: parseSyncFileName(eventsFileName(first, last, sha))!, data: new Uint8Array(gzipSync(json)) };
    };
    const other = make({ format: 1, device: 'zzzzzzzzzzzz', firstSeq: 1, lastSeq: 2, events: events(2) });
    expect(decodeSyncFile(DEVICE, other.name, other.data)).toMatchObject({ ok: false, reason: 'damaged' });
    const newer = make({ format: 2, device: DEVICE, firstSeq: 1, lastSeq: 2, events: events(2) });
    expect(decodeSyncFile(DEVICE, newer.name, newer.data)).toMatchObject({ ok: false, reason: 'damaged' });
    const range = make({ format: 1, device: DEVICE, firstSeq: 1, lastSeq: 3, events: events(2) });
    expect(decodeSyncFile(DEVICE, range.name, range.data)).toMatchObject({ ok: false, reason: 'damaged' });
    const mixed = make({ format: 1, device: DEVICE, firstSeq: 1, lastSeq: 2, events: [events(1)[0], { id: 'nope', entity: 'x', type: 't', body: 3 }] });
    const r = decodeSyncFile(DEVICE, mixed.name, mixed.data);
    expect(r).toMatchObject({ ok: true, skipped: 1 });
    if (r.ok) expect(r.content.events).toHaveLength(1);
  });
});
