/**
 * A real HTTP host in its own process, for tests that must see whether a request can end the
 * process. Serves a tiny renderer folder and the real app's dispatch on a temp data folder, plus
 * three methods that fail the way a buggy dispatch could: `test.throw` throws synchronously,
 * `test.reject` rejects, `test.bigint` returns a value JSON cannot hold. Prints
 * `listening <port> <token>` once it serves. Usage: tsx http-host-child.ts <dataDir> <rendererDir> [maxBodyBytes]
 */
import { createApp } from '../../src/main/app';
import { manualClock } from '../../src/main/core/clock';
import type { Dispatch } from '../../src/main/api/dispatch';
import { startHttpHost } from '../../src/main/http/http-host';
import { DECKS_DIR } from './temp-app';

const [dataDir, rendererDir, maxBody] = process.argv.slice(2);
if (!dataDir || !rendererDir) throw new Error('usage: http-host-child.ts <dataDir> <rendererDir> [maxBodyBytes]');

const app = createApp({ dataDir, decksDir: DECKS_DIR, clock: manualClock(Date.UTC(2026, 2, 10, 9)), timeZone: 'UTC' });
const dispatch: Dispatch = (method, input) => {
  if (method === 'test.throw') throw new Error('a handler bug (thrown)');
  if (method === 'test.reject') return Promise.reject(new Error('a handler bug (rejected)'));
  if (method === 'test.bigint') return Promise.resolve({ ok: true, value: 10n });
  return app.dispatch(method, input);
};
const host = await startHttpHost({
  dispatch,
  rendererDir,
  port: 0,
  ...(maxBody ? { maxBodyBytes: Number(maxBody) } : {}),
});
console.log(`listening ${host.port} ${host.token}`);
process.on('SIGTERM', () => {
  void host.close().then(() => {
    app.close();
    process.exit(0);
  });
});
