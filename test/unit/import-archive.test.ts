import { describe, it, expect } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import {
  MAX_EXPANSION_RATIO,
  MAX_ZIP_ENTRIES,
  MAX_ZIP_TOTAL_BYTES,
  assertImportSize,
  crc32,
  readZip,
  unsafeEntryNameReason,
} from '../../src/main/interchange/formats/archive';
import { IMPORT_MAX_BYTES } from '../../src/shared/api/import-contract';
import { importError } from '../support/import-error';
import { overlappingZip } from '../support/hostile-files';


/** Offset of the first central directory header (signature PK\1\2). */
function centralDirectoryOffset(zip: Uint8Array): number {
  for (let i = zip.length - 22; i >= 0; i--) {
    if (zip[i] === 0x50 && zip[i + 1] === 0x4b && zip[i + 2] === 0x05 && zip[i + 3] === 0x06) {
      const dv = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
      return dv.getUint32(i + 16, true);
    }
  }
  throw new Error('no end of central directory');
}

describe('limits', () => {
  it('documents the defaults', () => {
    expect(MAX_ZIP_ENTRIES).toBe(20_000);
    expect(MAX_ZIP_TOTAL_BYTES).toBe(2 * 1024 * 1024 * 1024);
    expect(MAX_EXPANSION_RATIO).toBe(200);
  });

  it('assertImportSize keeps the one import limit (IMPORT_MAX_BYTES, 100 MiB) and refuses more', () => {
    expect(IMPORT_MAX_BYTES).toBe(100 * 1024 * 1024);
    expect(() => assertImportSize(0, 'a.apkg')).not.toThrow();
    expect(() => assertImportSize(IMPORT_MAX_BYTES, 'a.apkg')).not.toThrow();
    const err = importError(() => assertImportSize(IMPORT_MAX_BYTES + 1, 'big.apkg'));
    expect(err.file).toBe('big.apkg');
    expect(err.rule).toMatch(/more than the 100 MiB import limit/);
    importError(() => assertImportSize(Number.NaN, 'x'));
  });

  it('computes the zip CRC-32', () => {
    expect(crc32(strToU8('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe('readZip', () => {
  it('reads a good zip (deflated and stored entries, nested folder)', () => {
    const text = 'hello '.repeat(1000);
    const zip = zipSync({
      'a.txt': strToU8(text),
      'dir/b.bin': [new Uint8Array([0, 1, 2, 255]), { level: 0 }],
      'empty.txt': new Uint8Array(0),
    });
    const out = readZip(zip, 'good.zip');
    expect([...out.keys()]).toEqual(['a.txt', 'dir/b.bin', 'empty.txt']);
    expect(new TextDecoder().decode(out.get('a.txt'))).toBe(text);
    expect([...(out.get('dir/b.bin') ?? [])]).toEqual([0, 1, 2, 255]);
    expect(out.get('empty.txt')?.length).toBe(0);
  });

  it('refuses an entry named "../evil"', () => {
    const zip = zipSync({ '../evil': strToU8('x'), 'ok.txt': strToU8('y') });
    const err = importError(() => readZip(zip, 'evil.zip'));
    expect(err.location).toBe('../evil');
    expect(err.rule).toMatch(/\.\./);
  });

  it('refuses ".." in the middle of a path but accepts dots inside a name', () => {
    importError(() => readZip(zipSync({ 'a/../../b': strToU8('x') }), 'z.zip'));
    expect(readZip(zipSync({ 'Paris..jpg': strToU8('x') }), 'z.zip').has('Paris..jpg')).toBe(true);
  });

  it('refuses absolute paths, backslashes, drive letters and NUL', () => {
    const cases: Array<[string, RegExp]> = [
      ['/etc/passwd', /absolute/],
      ['a\\b.txt', /backslash/],
      ['C:/x.txt', /drive letter/],
      ['a\0b', /NUL/],
    ];
    for (const [name, rule] of cases) {
      const err = importError(() => readZip(zipSync({ [name]: strToU8('x') }), 'bad.zip'));
      expect(err.location).toBe(name);
      expect(err.rule).toMatch(rule);
    }
    expect(unsafeEntryNameReason('media/0')).toBeUndefined();
  });

  it('refuses a zip bomb by its declared ratio before inflating anything', () => {
    const zeros = new Uint8Array(50 * 1024 * 1024);
    const zip = zipSync({ 'bomb.bin': zeros }, { level: 9 });
    expect(zip.length).toBeLessThan(200_000);
    // Wreck the deflate stream itself: if the reader inflated before judging, it would report
    // corrupt data instead of the ratio.
    const cd = centralDirectoryOffset(zip);
    const dataStart = 30 + 'bomb.bin'.length;
    zip.fill(0xff, dataStart + 2, cd - 2);
    const err = importError(() => readZip(zip, 'bomb.zip'));
    expect(err.location).toBe('bomb.bin');
    expect(err.rule).toMatch(/expands \d+:1, more than the 200:1 limit/);
  });

  it('applies the ratio rule to the whole archive as well', () => {
    // Each entry stays under the 1 MiB exemption; together they expand far beyond 200:1.
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 4; i++) files[`part${i}.bin`] = new Uint8Array(1000 * 1024);
    const err = importError(() => readZip(zipSync(files, { level: 9 }), 'many.zip'));
    expect(err.location).toBe('');
    expect(err.rule).toMatch(/archive expands/);
  });

  it('refuses entries that overlap (one compressed MiB listed 400 times) by the archive ratio', () => {
    const zip = overlappingZip(400);
    // The entries really do overlap: with the ratio rule off, all 400 read from the same 2 KB.
    expect(readZip(zip, 'o.zip', { maxRatio: 1e9 }).size).toBe(400);
    const err = importError(() => readZip(zip, 'o.zip'));
    expect(err.location).toBe('');
    expect(err.rule).toMatch(/archive expands \d+:1, more than the 200:1 limit/);
  });

  it('refuses an entry marked as a symbolic link', () => {
    const zip = zipSync({ 'ok.txt': strToU8('x'), link: [strToU8('/etc/passwd'), { os: 3, attrs: 0o120777 << 16 }] });
    const err = importError(() => readZip(zip, 'l.zip'));
    expect([err.location, err.rule]).toEqual(['link', 'entry is a symbolic link']);
    // The same mode bits from a non-Unix system mean nothing and are read as a file.
    expect(readZip(zipSync({ f: [strToU8('x'), { os: 0, attrs: 0o120777 << 16 }] }), 'f.zip').size).toBe(1);
  });

  it('catches an entry that inflates to more than its header declares', () => {
    const body = strToU8('some text that compresses well. '.repeat(3000));
    const zip = zipSync({ 'liar.txt': body });
    const dv = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const cd = centralDirectoryOffset(zip);
    dv.setUint32(cd + 24, 1000, true); // declared uncompressed size: 1,000 instead of 96,000
    const err = importError(() => readZip(zip, 'liar.zip'));
    expect(err.location).toBe('liar.txt');
    expect(err.rule).toMatch(/more than its declared 1000 bytes/);
  });

  it('catches a corrupted entry by its checksum', () => {
    const zip = zipSync({ 'a.txt': [strToU8('abcdefgh'), { level: 0 }] });
    const at = 30 + 'a.txt'.length + 3;
    zip[at] = (zip[at] ?? 0) ^ 0x01;
    const err = importError(() => readZip(zip, 'crc.zip'));
    expect(err.rule).toMatch(/checksum/);
  });

  it('enforces the entry-count and total-size limits', () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 5; i++) files[`f${i}`] = strToU8(`file ${i}`);
    const zip = zipSync(files);
    expect(importError(() => readZip(zip, 'n.zip', { maxEntries: 4 })).rule).toMatch(/5 entries, more than the 4 limit/);
    expect(readZip(zip, 'n.zip', { maxEntries: 5 }).size).toBe(5);
    const big = zipSync({ 'big.txt': strToU8('x'.repeat(5000)) });
    expect(importError(() => readZip(big, 'b.zip', { maxTotalBytes: 4000 })).rule).toMatch(/beyond/);
  });

  it('refuses files that are not zips', () => {
    for (const bytes of [new Uint8Array(0), strToU8('just some text, not an archive at all'), new Uint8Array(5000).fill(7)]) {
      const err = importError(() => readZip(bytes, 'notzip.apkg'));
      expect(err.rule).toBe('not a zip archive');
      expect(err.file).toBe('notzip.apkg');
    }
  });

  it('refuses a truncated zip', () => {
    const zip = zipSync({ 'a.txt': strToU8('hello world '.repeat(100)) });
    const cut = zip.subarray(0, zip.length - 30);
    importError(() => readZip(cut, 'cut.zip'));
  });
});
