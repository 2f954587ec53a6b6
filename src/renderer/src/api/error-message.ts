import { ApiCallError } from './transport';

/** What to tell the user about a failed call: the server's message, or the error's own. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiCallError || err instanceof Error) return err.message;
  return String(err);
}
