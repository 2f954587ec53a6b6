/**
 * Bounded zstd decompression: every frame is judged by its header before decoding, and output
 * is counted against the file's budget while it streams.
 */
import { describe, it, expect } from 'vitest';
import { outputBudget, MAX_PACKAGE_OUTPUT_BYTES } from '../../src/main/interchange/formats/limits';
import { zstdDecompressBounded } from '../../src/main/interchange/formats/zstd';
import { zstdRaw, zstdRleBomb } from '../support/hostile-files';
import { importError } from '../support/import-error';

const MiB = 1024 * 1024;

/** A single-segment frame that declares `size` bytes of content, followed by one empty raw block. */
function declaring(size: number): Uint8Array {
  const fcs = [size & 0xff, (size >>> 8) & 0xff, (size >>> 16) & 0xff, (size >>> 24) & 0xff];
  return new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0xa0, ...fcs, 1, 0, 0]); // FCS 4 bytes, single segment
}

describe('zstdDecompressBounded', () => {
  it('decodes raw and RLE frames, and several frames in a row', () => {
    const text = new TextEncoder().encode('hello zstd');
    expect(new TextDecoder().decode(zstdDecompressBounded(zstdRaw(text), 'f', 'x', outputBudget('f')))).toBe('hello zstd');
    const two = new Uint8Array([...zstdRaw(text), ...zstdRleBomb(2, 0x7a)]);
    const out = zstdDecompressBounded(two, 'f', 'x', outputBudget('f'));
    expect(out.length).toBe(text.length + 2 * 128 * 1024);
    expect(out[out.length - 1]).toBe(0x7a);
  });

  it('stops an RLE bomb at the expansion ratio, while streaming', () => {
    const bomb = zstdRleBomb(100_000); // 400 KB that would expand to 12.2 GiB
    const budget = outputBudget('b.apkg');
    const err = importError(() => zstdDecompressBounded(bomb, 'b.apkg', 'media 3', budget));
    expect(err.location).toBe('media 3');
    expect(err.rule).toMatch(/expands more than 200:1/);
    expect(budget.used).toBeLessThanOrEqual(bomb.length * 200);
  });

  it('counts every file of a package against one budget', () => {
    const budget = outputBudget('p.apkg', 3 * MiB);
    for (let i = 0; i < 3; i++) expect(zstdDecompressBounded(zstdRleBomb(8), 'p.apkg', `media ${i}`, budget).length).toBe(MiB);
    const err = importError(() => zstdDecompressBounded(zstdRleBomb(8), 'p.apkg', 'media 3', budget));
    expect(err.location).toBe('media 3');
    expect(err.rule).toMatch(/expands to more than 3 MiB/);
    expect(budget.used).toBe(3 * MiB);
  });

  it('refuses a declared content size over the budget before allocating it', () => {
    const err = importError(() => zstdDecompressBounded(declaring(2000 * MiB), 'd.apkg', 'collection.anki21b', outputBudget('d.apkg')));
    expect(err.rule).toMatch(/declares 2000 MiB/);
    expect(MAX_PACKAGE_OUTPUT_BYTES).toBe(256 * MiB);
  });

  it('judges every frame, not only the first: a huge window in a second frame is refused', () => {
    const hugeWindow = new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0xf8, 1, 0, 0]);
    const data = new Uint8Array([...zstdRaw(new Uint8Array([1, 2, 3])), ...hugeWindow]);
    expect(importError(() => zstdDecompressBounded(data, 'w', 'x', outputBudget('w'))).rule).toMatch(/window of 2048 GiB is larger than the 32 MiB limit/);
  });

  it('refuses truncated, reserved and dictionary frames as corrupt', () => {
    const raw = zstdRaw(new Uint8Array([1, 2, 3]));
    expect(importError(() => zstdDecompressBounded(raw.subarray(0, 7), 'f', 'x', outputBudget('f'))).rule).toMatch(/corrupt zstd data/);
    const dict = raw.slice();
    dict[4] = 0x01;
    expect(importError(() => zstdDecompressBounded(dict, 'f', 'x', outputBudget('f'))).rule).toMatch(/dictionaries/);
    expect(importError(() => zstdDecompressBounded(new Uint8Array([1, 2, 3, 4, 5]), 'f', 'x', outputBudget('f'))).rule).toMatch(/not a zstd frame/);
  });
});
