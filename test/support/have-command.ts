/** External programs the sync end-to-end tests start (Debian packages; .ci/run installs them). */
import { spawnSync, type ChildProcess } from 'node:child_process';

/** True when `command versionArg` runs; otherwise prints why the dependent tests are skipped. */
export function haveCommand(command: string, versionArg: string, neededBy: string): boolean {
  if (spawnSync(command, [versionArg], { stdio: 'ignore' }).status === 0) return true;
  console.warn(`skipping: ${command} is not installed (apt-get install ${command}; .ci/run installs it); ${neededBy} needs it`);
  return false;
}

/** Stop a child with SIGTERM and wait until it has exited. */
export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
