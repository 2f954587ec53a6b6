/** Locate ../shared beside the project (test data only), or say why a test is skipped. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SHARED_DIR = resolve(process.cwd(), '..', 'shared');

export function sharedPath(...parts: string[]): string {
  return join(SHARED_DIR, ...parts);
}

/** True when the file exists; otherwise prints why the dependent tests are skipped. */
export function haveShared(...parts: string[]): boolean {
  const p = sharedPath(...parts);
  if (existsSync(p)) return true;
  console.warn(`skipping: ${join('..', 'shared', ...parts)} not found (test data beside the project); these tests need it`);
  return false;
}
