/** Run `fn`, expecting an ImportError; return it for further checks. */
import { expect } from 'vitest';
import { ImportError } from '../../src/main/interchange/formats/bundle';

export function importError(fn: () => unknown): ImportError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ImportError);
    return err as ImportError;
  }
  throw new Error('expected an ImportError, but nothing was thrown');
}
