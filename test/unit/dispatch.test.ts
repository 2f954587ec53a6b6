import { describe, expect, it } from 'vitest';
import { createDispatch } from '../../src/main/api/dispatch';
import type { Handlers } from '../../src/main/api/handler-types';
import { AppError } from '../../src/shared/api/errors';

/** A table with one handler, `review.next`, doing what `body` does with its input. */
const withNext = (body: (input: { deckId: number }) => unknown) => () => ({ 'review.next': body }) as unknown as Partial<Handlers>;

describe('dispatch', () => {
  it('answers with what a handler returns at once, and with what its promise gives', async () => {
    expect(await createDispatch(withNext(({ deckId }) => ({ deck: deckId })))('review.next', { deckId: 7 })).toEqual({ ok: true, value: { deck: 7 } });
    expect(await createDispatch(withNext(async ({ deckId }) => ({ deck: deckId * 2 })))('review.next', { deckId: 7 })).toEqual({ ok: true, value: { deck: 14 } });
  });

  it("gives an AppError's code whether the handler throws it or its promise rejects with it", async () => {
    const thrown = createDispatch(withNext(() => {
      throw new AppError('not_found', 'deck 7 not found');
    }));
    const rejected = createDispatch(withNext(() => Promise.reject(new AppError('conflict', 'busy'))));
    expect(await thrown('review.next', { deckId: 7 })).toEqual({ ok: false, error: { code: 'not_found', message: 'deck 7 not found' } });
    expect(await rejected('review.next', { deckId: 7 })).toEqual({ ok: false, error: { code: 'conflict', message: 'busy' } });
  });

  it('reports any other error as internal, once, for both kinds of handler', async () => {
    const seen: string[] = [];
    const options = { onInternalError: (method: string, err: unknown) => void seen.push(`${method}: ${(err as Error).message}`) };
    const sync = createDispatch(withNext(() => {
      throw new Error('disk gone');
    }), options);
    const async = createDispatch(withNext(() => Promise.reject(new Error('late'))), options);
    expect(await sync('review.next', { deckId: 1 })).toEqual({ ok: false, error: { code: 'internal', message: 'disk gone' } });
    expect(await async('review.next', { deckId: 1 })).toEqual({ ok: false, error: { code: 'internal', message: 'late' } });
    expect(seen).toEqual(['review.next: disk gone', 'review.next: late']);
  });

  it('names the field of bad input and never calls the handler', async () => {
    let called = 0;
    const d = createDispatch(withNext(() => ++called));
    const r = await d('review.next', { deckId: 'seven' });
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : `${r.error.code} ${r.error.message}`).toMatch(/^invalid_input deckId: /);
    expect(called).toBe(0);
  });

  it('never throws or rejects, even when its gate fails', async () => {
    const d = createDispatch(withNext(() => 1), {
      gate: () => {
        throw new Error('status unreadable');
      },
    });
    let result: unknown;
    expect(() => {
      result = d('review.next', { deckId: 1 });
    }).not.toThrow();
    await expect(result).resolves.toEqual({ ok: false, error: { code: 'internal', message: 'status unreadable' } });
  });
});
