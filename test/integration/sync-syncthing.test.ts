/**
 * End to end through two real Syncthing instances on loopback: two Retain apps, each with its own
 * data folder and its own Syncthing folder; an answer on one shows on the other once Syncthing has
 * carried the files across.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveSyncthing, startSyncthingPair, type SyncthingNode } from '../support/syncthing-pair';
import { answerCards, answersOf, cardStatesOf, syncFixtures, syncNow } from '../support/sync-apps';
import type { TempApp } from '../support/temp-app';

const fx = syncFixtures();
const available = haveSyncthing();
let pair: Awaited<ReturnType<typeof startSyncthingPair>> | undefined;

beforeAll(async () => {
  if (available) pair = await startSyncthingPair();
}, 60_000);
afterAll(async () => {
  await pair?.stop();
});

const filesOf = (node: SyncthingNode, device: string): string[] => {
  try {
    return readdirSync(join(node.folder, 'retain-sync', 'devices', device)).filter((f) => f.endsWith('.events.gz')).sort();
  } catch {
    return [];
  }
};

/** Wait until Syncthing has carried every file of `device` from one folder to the other. */
async function carried(from: SyncthingNode, to: SyncthingNode, device: string): Promise<void> {
  const want = filesOf(from, device);
  const deadline = Date.now() + 60_000;
  await from.scan();
  while (JSON.stringify(filesOf(to, device)) !== JSON.stringify(want)) {
    if (Date.now() > deadline) throw new Error(`Syncthing did not carry ${want.join(', ')} within a minute (has ${filesOf(to, device).join(', ')})`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const connect = async (t: TempApp, folder: string) => expect((await t.call<{ connected: boolean }>('sync.setFolder', { path: folder })).connected).toBe(true);

describe.skipIf(!available)('sync through two Syncthing instances', () => {
  it('an answer on one computer shows on the other', async () => {
    const { a: stA, b: stB } = pair!;
    const a = fx.app();
    const b = fx.app();
    await connect(a, stA.folder);
    await connect(b, stB.folder);
    await answerCards(a, 2, 4);
    const sa = await syncNow(a);
    await carried(stA, stB, sa.device.id!);
    const sb = await syncNow(b);
    expect(sb.lastReport!.received.answers).toBe(2);
    expect(answersOf(b)).toEqual(answersOf(a));

    await answerCards(b, 1, 3);
    await syncNow(b);
    await carried(stB, stA, sb.device.id!);
    await syncNow(a);
    expect(answersOf(a)).toHaveLength(3);
    expect(answersOf(a)).toEqual(answersOf(b));
    expect(cardStatesOf(a)).toEqual(cardStatesOf(b));
  }, 180_000);
});
