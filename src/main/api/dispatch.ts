/**
 * The one dispatch both hosts call: unknown method → `unknown_method`; input parsed with the
 * contract's zod schema → `invalid_input` naming the field; handler errors → their code.
 * Never throws.
 */
import { ZodError } from 'zod';
import { contract, isMethod, type Method } from '../../shared/api/contract';
import { AppError, type ApiResult } from '../../shared/api/errors';
import { jsonPath } from '../../shared/deck-format';
import type { Handlers } from './handler-types';

export type Dispatch = (method: string, input: unknown) => Promise<ApiResult<unknown>>;

/** The first three problems; with `input`, those in values the caller sent come before fields left out. */
function describeZod(err: ZodError, input?: unknown): string {
  const sent = (i: ZodError['issues'][number]): boolean =>
    typeof input === 'object' && input !== null && i.path.length > 0 && Object.hasOwn(input, i.path[0]!);
  return [...err.issues.filter(sent), ...err.issues.filter((i) => !sent(i))]
    .slice(0, 3)
    .map((i) => `${jsonPath(i.path).replace(/^\$\.?/, '') || 'input'}: ${i.message}`)
    .join('; ');
}

export interface DispatchOptions {
  onInternalError?: (method: string, err: unknown) => void;
  gate?: (method: Method) => AppError | null;
  /** Turns an error that is not an AppError (a full disk, a read-only folder) into one; null leaves it `internal`. */
  describeError?: (err: unknown) => AppError | null;
}

/** The handlers in force: a fixed table, or a function giving the table in force at each call (the gate refuses what it lacks). */
export type HandlerSource = Handlers | (() => Partial<Handlers>);

const isThenable = (v: unknown): v is PromiseLike<unknown> =>
  (typeof v === 'object' || typeof v === 'function') && v !== null && typeof (v as { then?: unknown }).then === 'function';

export function createDispatch(handlers: HandlerSource, options: DispatchOptions = {}): Dispatch {
  const failure = (method: Method, err: unknown): ApiResult<unknown> => {
    if (err instanceof AppError) return { ok: false, error: { code: err.code, message: err.message } };
    if (err instanceof ZodError) return { ok: false, error: { code: 'invalid_input', message: describeZod(err) } };
    const described = options.describeError?.(err);
    if (described) return { ok: false, error: { code: described.code, message: described.message } };
    options.onInternalError?.(method, err);
    return { ok: false, error: { code: 'internal', message: err instanceof Error ? err.message : String(err) } };
  };
  // Not an async function: a handler that answers at once (most do, an answer among them) is not
  // made to wait for extra turns of the event loop; one that returns a promise is awaited.
  return (method, input) => {
    if (!isMethod(method)) return Promise.resolve({ ok: false, error: { code: 'unknown_method', message: `unknown method "${method}"` } });
    try {
      const blocked = options.gate?.(method);
      if (blocked) return Promise.resolve({ ok: false, error: { code: blocked.code, message: blocked.message } });
      const parsed = contract[method].input.safeParse(input ?? undefined);
      if (!parsed.success) return Promise.resolve({ ok: false, error: { code: 'invalid_input', message: describeZod(parsed.error, input) } });
      const handler = (typeof handlers === 'function' ? handlers() : handlers)[method] as ((i: unknown) => unknown) | undefined;
      if (!handler) throw new AppError('database_unavailable', `${method} cannot answer now`);
      const value = handler(parsed.data);
      if (isThenable(value)) return Promise.resolve(value).then((v): ApiResult<unknown> => ({ ok: true, value: v }), (err: unknown) => failure(method, err));
      return Promise.resolve({ ok: true, value });
    } catch (err) {
      return Promise.resolve(failure(method, err));
    }
  };
}
