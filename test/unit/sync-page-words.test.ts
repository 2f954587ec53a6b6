/** What the Sync page says: the exchange in plain words, times, advice per problem, and when automatic syncs run. */
import { describe, expect, it } from 'vitest';
import { contract } from '../../src/shared/api/contract';
import { isInsecureWebdavUrl, type SyncReport } from '../../src/shared/api/sync-contract';
import { AUTO_SYNC_MIN_GAP_MS, AUTO_SYNC_SETTLE_MS, autoSyncDelay } from '../../src/renderer/src/screens/sync/auto-sync-policy';
import { agoText, exchangeText, lastSyncText, problemAdvice, progressText } from '../../src/renderer/src/screens/sync/sync-words';

const NOW = Date.UTC(2026, 5, 1, 12, 0);
const report = (over: Partial<SyncReport> = {}): SyncReport => ({
  at: NOW - 3 * 60_000,
  durationMs: 800,
  sent: { events: 0, answers: 0, media: 0 },
  received: { events: 0, answers: 0, media: 0, devices: [] },
  skippedFiles: 0,
  ...over,
});

describe('what a sync exchanged', () => {
  it('says what was sent and received from which computer, and when', () => {
    const r = report({
      sent: { events: 42, answers: 42, media: 0 },
      received: { events: 17, answers: 17, media: 0, devices: [{ id: 'k3j9x0a8b2c4', name: 'Desktop', events: 17, answers: 17 }] },
    });
    expect(lastSyncText(r, NOW)).toBe('Sent 42 answers, received 17 answers from Desktop, 3 minutes ago.');
  });

  it('counts other changes apart from answers, names unnamed computers by their id, and counts media', () => {
    const r = report({
      sent: { events: 5, answers: 1, media: 2 },
      received: { events: 3, answers: 0, media: 1, devices: [{ id: 'abcdefgh1234', name: null, events: 3, answers: 0 }] },
    });
    expect(exchangeText(r)).toBe('Sent 1 answer and 4 other changes, sent 2 media files, received 3 changes from the computer …1234, received 1 media file');
  });

  it('says when nothing needed exchanging', () => {
    expect(exchangeText(report())).toBe('Everything was already up to date');
  });

  it('gives times in words', () => {
    expect(agoText(NOW - 10_000, NOW)).toBe('just now');
    expect(agoText(NOW - 60_000, NOW)).toBe('1 minute ago');
    expect(agoText(NOW - 2 * 3_600_000, NOW)).toBe('2 hours ago');
    expect(agoText(NOW - 26 * 3_600_000, NOW)).toBe('yesterday');
    expect(agoText(NOW - 5 * 86_400_000, NOW)).toBe('5 days ago');
  });

  it('gives advice that fits the problem and the target', () => {
    expect(problemAdvice({ code: 'auth' }, 'webdav')).toMatch(/password/);
    expect(problemAdvice({ code: 'auth' }, 'folder')).toMatch(/permissions/);
    expect(problemAdvice({ code: 'unreachable' }, 'folder')).toMatch(/drive/);
    expect(problemAdvice({ code: 'out_of_space' }, 'webdav')).toMatch(/space/);
    expect(progressText({ phase: 'sending', done: 3, total: 10 })).toBe('Sending your changes (3 of 10)…');
  });
});

describe('automatic syncs', () => {
  it('wait a few seconds, and at least a minute after the last one', () => {
    expect(autoSyncDelay(null, NOW)).toBe(AUTO_SYNC_SETTLE_MS);
    expect(autoSyncDelay(NOW - 10_000, NOW)).toBe(AUTO_SYNC_MIN_GAP_MS - 10_000);
    expect(autoSyncDelay(NOW - 2 * AUTO_SYNC_MIN_GAP_MS, NOW)).toBe(AUTO_SYNC_SETTLE_MS);
  });
});

describe('WebDAV addresses', () => {
  const parse = (input: unknown) => contract['sync.setWebdav'].input.safeParse(input);
  it('tells http:// to another computer from loopback and https', () => {
    expect(isInsecureWebdavUrl('http://nas.local/dav')).toBe(true);
    expect(isInsecureWebdavUrl('http://192.168.1.5:8080/')).toBe(true);
    expect(isInsecureWebdavUrl('http://127.0.0.1:8080/')).toBe(false);
    expect(isInsecureWebdavUrl('http://localhost/dav')).toBe(false);
    expect(isInsecureWebdavUrl('http://[::1]:81/')).toBe(false);
    expect(isInsecureWebdavUrl('https://cloud.example.com/')).toBe(false);
  });

  it('refuses an http:// address to another computer unless the user confirmed, and other schemes always', () => {
    const base = { username: 'me', password: 'pw' };
    expect(parse({ ...base, url: 'http://nas.local/dav' }).success).toBe(false);
    expect(parse({ ...base, url: 'http://nas.local/dav', insecure: true }).success).toBe(true);
    expect(parse({ ...base, url: 'https://nas.local/dav' }).success).toBe(true);
    expect(parse({ ...base, url: 'http://127.0.0.1:9/dav' }).success).toBe(true);
    expect(parse({ ...base, url: 'ftp://nas.local/' }).success).toBe(false);
    expect(parse({ ...base, url: 'file:///etc' }).success).toBe(false);
    expect(parse({ ...base, url: 'https://me:secret@nas.local/' }).success).toBe(false);
    const refused = parse({ ...base, url: 'http://nas.local/dav' });
    expect(refused.success ? [] : refused.error.issues.map((i) => i.path.join('.'))).toEqual(['insecure']);
  });
});
