/**
 * `npm run serve -- --port P --data-dir D`: Retain in any browser, through the local HTTP host.
 * Prints one line with the URL and this launch's token.
 */
import { parseArgs } from 'node:util';
import { createApp } from './app';
import { manualClock } from './core/clock';
import { contentSecurityPolicy } from './http/content-security-policy';
import { remoteImagesAllowed } from './http/remote-images';
import { startHttpHost } from './http/http-host';
import { builtinDecksDir, defaultDataDir, rendererDir } from './paths';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8765' },
    'data-dir': { type: 'string' },
    // End-to-end tests only: start a manual clock at this epoch-ms time, moved through POST /__test__/clock.
    'test-clock': { type: 'string' },
    'time-zone': { type: 'string' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a number from 0 to 65535, got "${values.port}"`);
  process.exit(2);
}
const testClock = values['test-clock'] !== undefined ? manualClock(Number(values['test-clock'])) : undefined;
const app = createApp({
  dataDir: values['data-dir'] ?? defaultDataDir(),
  decksDir: builtinDecksDir(),
  ...(testClock ? { clock: testClock } : {}),
  ...(values['time-zone'] ? { timeZone: values['time-zone'] } : {}),
  onInternalError: (method, err) => console.error(`[${method}]`, err),
  scheduleBackups: true,
  // Sync at start, after changes and now and then, once a sync target is set.
  autoSync: true,
  // The crash test's negative control only: a build that acknowledges answers before they are committed.
  ...(process.env.RETAIN_FAULT_ACK_BEFORE_COMMIT === '1' ? { faults: { ackBeforeCommit: true } } : {}),
});
const host = await startHttpHost({
  dispatch: app.dispatch,
  uploads: app.uploads,
  events: app.events,
  rendererDir: rendererDir(),
  port,
  contentSecurityPolicy: () => contentSecurityPolicy({ remoteImages: remoteImagesAllowed(app) }),
  ...(testClock ? { testClock } : {}),
}).catch((err: NodeJS.ErrnoException) => {
  console.error(err.code === 'EADDRINUSE' ? `Port ${port} is in use: choose another with --port.` : String(err));
  app.close();
  process.exit(1);
});
console.log(`Retain is running at ${host.url}`);

const stop = (): void => {
  void host.close().then(() => {
    app.close();
    process.exit(0);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
