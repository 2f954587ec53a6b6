/**
 * fsrs-rs through Node-API (@open-spaced-repetition/binding), the reference FSRS implementation.
 * It ships one native package per platform, and not every platform has one at the pinned version:
 * where it cannot load, `fsrsBinding` is null and the tests that need it say so and are skipped.
 */
import { createRequire } from 'node:module';
import type * as FsrsBindingModule from '@open-spaced-repetition/binding';

function load(): typeof FsrsBindingModule | null {
  try {
    return createRequire(import.meta.url)('@open-spaced-repetition/binding') as typeof FsrsBindingModule;
  } catch (err) {
    console.warn(`skipping: fsrs-rs (@open-spaced-repetition/binding) cannot be loaded on this platform: ${(err as Error).message.split('\n')[0]}`);
    return null;
  }
}

export const fsrsBinding = load();
