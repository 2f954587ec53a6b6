/** A sync target never holds more of a file than the largest file a sync reads (plus one byte, to tell). */
import { describe, expect, it } from 'vitest';
import { bodyUpTo } from '../../src/main/services/sync/targets/sync-target';

function streamed(chunks: number, size: number): Response {
  let sent = 0;
  return new Response(
    new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === chunks) return controller.close();
        sent += 1;
        controller.enqueue(new Uint8Array(size).fill(sent));
      },
    }),
  );
}

describe('reading a response body up to a limit', () => {
  it('stops at the limit and stops reading the rest', async () => {
    const res = streamed(1000, 1024);
    const body = await bodyUpTo(res, 2_500);
    expect(body.byteLength).toBe(2_500);
    expect(body[0]).toBe(1);
    expect(body[2_499]).toBe(3);
  });

  it('returns a shorter body whole', async () => {
    const body = await bodyUpTo(streamed(3, 100), 10_000);
    expect(body.byteLength).toBe(300);
    expect([body[0], body[150], body[299]]).toEqual([1, 2, 3]);
  });
});
