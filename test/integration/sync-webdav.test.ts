/**
 * End to end over a real WebDAV server (`rclone serve webdav`, started here): two Retain apps, each
 * with its own data folder; an answer on one shows on the other. Also the WebDAV target's errors.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewSession } from '../../src/shared/api/review-contract';
import type { SyncConnectResult, SyncStatus } from '../../src/shared/api/sync-contract';
import { createWebdavTarget } from '../../src/main/services/sync/targets/webdav-target';
import { coldStartsDeck } from '../support/cold-starts-deck';
import { freePort, haveRclone, startWebdav, type WebdavServer } from '../support/rclone-webdav';
import { answerCards, answersOf, cardStatesOf, syncFixtures, syncNow } from '../support/sync-apps';
import type { TempApp } from '../support/temp-app';

const fx = syncFixtures();
const rclone = haveRclone();
let server: WebdavServer;

beforeAll(async () => {
  if (!rclone) return;
  server = await startWebdav();
  mkdirSync(join(server.dir, 'shared', 'retain'), { recursive: true });
}, 30_000);
afterAll(async () => {
  await server?.stop();
});

const connect = async (t: TempApp, password = server.pass): Promise<SyncConnectResult> =>
  t.call<SyncConnectResult>('sync.setWebdav', { url: `${server.url}shared/retain`, username: server.user, password });

describe.skipIf(!rclone)('sync over WebDAV (rclone serve webdav)', () => {
  it('an answer on one computer shows on the other', async () => {
    const a = fx.app();
    const b = fx.app();
    expect((await connect(a)).connected).toBe(true);
    expect((await connect(b)).connected).toBe(true);
    const [cardId] = await answerCards(a, 1, 4);
    await syncNow(a);
    const got = await syncNow(b);
    expect(got.lastReport!.received.answers).toBe(1);
    expect(answersOf(b)).toEqual(answersOf(a));
    expect(cardStatesOf(b)).toEqual(cardStatesOf(a));
    // B no longer offers the card A answered Easy as new today.
    const noteGuid = (t: TempApp, id: number) => t.app.services.repos.db.prepare('SELECT n.guid, c.ord FROM cards c JOIN notes n ON n.id = c.note_id WHERE c.id = ?').get(id);
    const aCard = noteGuid(a, cardId!);
    const deck = await coldStartsDeck(b);
    const next = await b.call<ReviewSession>('review.next', { deckId: deck.id });
    expect(noteGuid(b, next.card!.cardId)).not.toEqual(aCard);
    expect((await coldStartsDeck(b)).newCount).toBe((await coldStartsDeck(a)).newCount);

    // And back: B answers, syncs; A sees it.
    await answerCards(b, 2, 3);
    await syncNow(b);
    await syncNow(a);
    expect(answersOf(a)).toHaveLength(3);
    expect(answersOf(a)).toEqual(answersOf(b));
  });

  it('says "wrong password" and keeps nothing, and never reveals the password', async () => {
    const a = fx.app();
    const r = await connect(a, 'wrong');
    expect(r).toMatchObject({ connected: false, problem: { code: 'auth' } });
    expect(JSON.stringify(r)).not.toContain('wrong');
    expect((await a.call<SyncStatus>('sync.status')).target).toBeNull();
    const missing = await a.call<SyncConnectResult>('sync.setWebdav', { url: `${server.url}no/such/folder`, username: server.user, password: server.pass });
    expect(missing).toMatchObject({ connected: false, problem: { code: 'unreachable' } });
    const ok = await connect(a);
    expect(ok.connected).toBe(true);
    expect(JSON.stringify(await a.call('sync.status'))).not.toContain(server.pass);
    const stored = a.app.services.repos.db.prepare('SELECT group_concat(value) AS v FROM sync_state').get() as { v: string };
    expect(stored.v).not.toContain(server.pass);
  });

  it('classifies an unreachable server and a full disk', async () => {
    const port = await freePort();
    const down = createWebdavTarget({ url: `http://127.0.0.1:${port}/dav`, username: 'u', password: 'p', timeoutMs: 5000 });
    await expect(down.list('x')).rejects.toMatchObject({ kind: 'unreachable' });
    const { createServer } = await import('node:http');
    const full = createServer((req, res) => {
      req.resume();
      res.statusCode = req.method === 'PUT' ? 507 : 201;
      res.end();
    });
    const fullPort = await freePort();
    await new Promise<void>((r) => full.listen(fullPort, '127.0.0.1', r));
    try {
      const target = createWebdavTarget({ url: `http://127.0.0.1:${fullPort}/`, username: 'u', password: 'p' });
      await expect(target.write('a/b.bin', new Uint8Array(10))).rejects.toMatchObject({ kind: 'out_of_space' });
    } finally {
      await new Promise((r) => full.close(r));
    }
  });
});
