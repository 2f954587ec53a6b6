/**
 * Defensive zip reading for imports (.apkg packages and other zipped bundles).
 *
 * The central directory is walked by hand so that every entry can be judged before a single
 * byte is inflated: unsafe names (absolute, "..", backslash, drive letter, NUL), too many
 * entries, symbolic links, too much declared output, and suspicious expansion ratios are refused up front.
 * Deflated data is then inflated with Node's zlib, given the declared size as its output limit:
 * it counts the real output as it appears, so a header that under-declares its size is caught as
 * soon as the output passes the declared size, long before memory runs out. Stored and inflated
 * sizes and the CRC-32 must match the central directory.
 *
 * `openZip` judges the whole archive up front and inflates an entry only when it is read (or,
 * for one too large to hold, streamed a piece at a time with fflate's inflater); `readZip` reads them all. Pure: bytes in, entries out. Every failure is an
 * `ImportError(file, entryName, rule)`.
 */
import { crc32 as zlibCrc32, inflateRawSync } from 'node:zlib';
import { Inflate } from 'fflate';
import { IMPORT_MAX_BYTES } from '../../../shared/api/upload-limit';
import { ImportError } from './bundle';
import { formatBytes } from './limits';

const MiB = 1024 * 1024;

/** Most entries a zip may list: 20,000. */
export const MAX_ZIP_ENTRIES = 20_000;
/** Most bytes all entries of one zip may inflate to, together: 2 GiB. */
export const MAX_ZIP_TOTAL_BYTES = 2048 * MiB;
/** Highest expansion (uncompressed ÷ compressed) allowed per entry and for the whole archive: 200:1. */
export const MAX_EXPANSION_RATIO = 200;
/**
 * Output sizes up to this (1 MiB) are exempt from the ratio rule: a small, highly repetitive
 * file (an empty SQLite page run, a blank text file) can compress far better than 200:1 and
 * still be harmless; a bomb needs volume.
 */
export const RATIO_EXEMPT_BYTES = 1 * MiB;

export interface ZipLimits {
  maxEntries?: number;
  maxTotalBytes?: number;
  maxRatio?: number;
}

/**
 * Refuse an import file larger than the one import limit, IMPORT_MAX_BYTES (100 MiB, in the
 * shared contract; call before reading it into memory).
 */
export function assertImportSize(size: number, file: string): void {
  if (!Number.isFinite(size) || size < 0) throw new ImportError(file, '', 'file size is unknown');
  if (size > IMPORT_MAX_BYTES) {
    throw new ImportError(file, '', `file is ${formatBytes(size)}, more than the ${formatBytes(IMPORT_MAX_BYTES)} import limit`);
  }
}

/** Why an entry name is unsafe to use as a path, or undefined when it is fine. */
export function unsafeEntryNameReason(name: string): string | undefined {
  if (name === '') return 'entry has an empty name';
  if (name.includes('\0')) return 'entry name contains a NUL character';
  if (name.includes('\\')) return 'entry name contains a backslash';
  if (name.startsWith('/')) return 'entry name is an absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'entry name starts with a drive letter';
  if (name.split('/').includes('..')) return 'entry name contains ".."';
  return undefined;
}

interface CentralEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  /** Made on Unix with the file type "symbolic link" in its mode bits. */
  symlink: boolean;
}

/** A zip whose entries have all been judged safe by their declared sizes; each is inflated only when read. */
export interface ZipArchive {
  /** File entries in archive order (directory entries are checked but not listed). */
  readonly names: readonly string[];
  /** What all entries together declare they inflate to (every read stays within it). */
  readonly declaredBytes: number;
  has(name: string): boolean;
  /** The size a file entry declares it inflates to; undefined when there is no such file entry. */
  sizeOf(name: string): number | undefined;
  /** Inflate one entry, verifying its real size and checksum; undefined when there is no such file entry. */
  read(name: string): Uint8Array | undefined;
  /**
   * Inflate one entry a piece at a time into `onChunk` (for an entry too large to hold whole),
   * verifying its real size as it goes and its checksum at the end; false when there is no such file entry.
   */
  stream(name: string, onChunk: (chunk: Uint8Array) => void): boolean;
}

/**
 * Open a zip, refusing anything unsafe (see module comment) before a single byte is inflated.
 * Entries are inflated one at a time by `read`, so entries nobody asks for cost nothing.
 */
export function openZip(bytes: Uint8Array, file: string, limits: ZipLimits = {}): ZipArchive {
  const maxEntries = limits.maxEntries ?? MAX_ZIP_ENTRIES;
  const maxTotal = limits.maxTotalBytes ?? MAX_ZIP_TOTAL_BYTES;
  const maxRatio = limits.maxRatio ?? MAX_EXPANSION_RATIO;
  assertImportSize(bytes.length, file);

  const entries = readCentralDirectory(bytes, file, maxEntries);

  // Judge every entry by its declared sizes before inflating anything.
  let declaredTotal = 0;
  const files = new Map<string, CentralEntry>();
  const seen = new Set<string>();
  for (const e of entries) {
    const bad = unsafeEntryNameReason(e.name);
    if (bad) throw new ImportError(file, e.name, bad);
    if (seen.has(e.name)) throw new ImportError(file, e.name, 'entry name appears twice');
    seen.add(e.name);
    if (e.flags & 1) throw new ImportError(file, e.name, 'encrypted entries are not supported');
    if (e.symlink) throw new ImportError(file, e.name, 'entry is a symbolic link');
    if (e.method !== 0 && e.method !== 8) throw new ImportError(file, e.name, `unsupported compression method ${e.method}`);
    if (e.method === 0 && e.size !== e.compressedSize) {
      throw new ImportError(file, e.name, 'stored entry sizes disagree');
    }
    if (e.size > maxTotal - declaredTotal) {
      throw new ImportError(file, e.name, `archive would expand beyond ${formatBytes(maxTotal)}`);
    }
    declaredTotal += e.size;
    checkRatio(e.size, e.compressedSize, maxRatio, file, e.name);
    if (!e.name.endsWith('/')) files.set(e.name, e);
    else if (e.size !== 0) throw new ImportError(file, e.name, 'directory entry has content');
  }
  checkRatio(declaredTotal, bytes.length, maxRatio, file, '', 'archive');

  // Real sizes must equal the declared ones (checked per entry), so reads stay within the total judged above.
  return {
    names: [...files.keys()],
    declaredBytes: declaredTotal,
    has: (name) => files.has(name),
    sizeOf: (name) => files.get(name)?.size,
    stream(name, onChunk) {
      const e = files.get(name);
      if (!e) return false;
      streamEntry(bytes, e, file, onChunk);
      return true;
    },
    read(name) {
      const e = files.get(name);
      if (!e) return undefined;
      const data = extractEntry(bytes, e, file);
      if (crc32(data) !== e.crc) throw new ImportError(file, e.name, 'checksum mismatch (corrupt entry)');
      return data;
    },
  };
}

/**
 * Read every file entry of a zip into memory, refusing anything unsafe (see module comment).
 * Directory entries are checked but not returned. Keys keep the archive's order.
 */
export function readZip(bytes: Uint8Array, file: string, limits: ZipLimits = {}): Map<string, Uint8Array> {
  const zip = openZip(bytes, file, limits);
  const out = new Map<string, Uint8Array>();
  for (const name of zip.names) out.set(name, zip.read(name) as Uint8Array);
  return out;
}

function checkRatio(size: number, compressed: number, maxRatio: number, file: string, location: string, what = 'entry'): void {
  if (size <= RATIO_EXEMPT_BYTES) return;
  const ratio = size / Math.max(compressed, 1);
  if (ratio > maxRatio) {
    throw new ImportError(
      file,
      location,
      `${what} expands ${Math.round(ratio)}:1, more than the ${maxRatio}:1 limit (possible zip bomb)`,
    );
  }
}

function readCentralDirectory(b: Uint8Array, file: string, maxEntries: number): CentralEntry[] {
  const notZip = (): ImportError => new ImportError(file, '', 'not a zip archive');
  const corrupt = (what: string): ImportError => new ImportError(file, '', `corrupt zip: ${what}`);
  if (b.length < 22) throw notZip();

  // End of central directory record: 22 bytes plus a comment of up to 65,535 bytes.
  let eocd = -1;
  const lowest = Math.max(0, b.length - 22 - 0xffff);
  for (let i = b.length - 22; i >= lowest; i--) {
    if (u32(b, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notZip();

  const disk = u16(b, eocd + 4);
  const cdDisk = u16(b, eocd + 6);
  let count = u16(b, eocd + 10);
  let cdSize = u32(b, eocd + 12);
  let cdOffset = u32(b, eocd + 16);
  if (disk !== 0 || cdDisk !== 0) throw new ImportError(file, '', 'multi-part zip archives are not supported');

  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    // Zip64: the locator sits just before the classic record.
    const loc = eocd - 20;
    if (loc >= 0 && u32(b, loc) === 0x07064b50) {
      const rec = u64(b, loc + 8);
      if (rec + 56 > b.length || u32(b, rec) !== 0x06064b50) throw corrupt('zip64 end record not found');
      count = u64(b, rec + 32);
      cdSize = u64(b, rec + 40);
      cdOffset = u64(b, rec + 48);
    }
  }
  if (count > maxEntries) throw new ImportError(file, '', `archive lists ${count} entries, more than the ${maxEntries} limit`);
  if (cdOffset + cdSize > b.length) throw corrupt('central directory lies outside the file');

  const decoder = new TextDecoder('utf-8');
  const entries: CentralEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || u32(b, p) !== 0x02014b50) throw corrupt(`central directory entry ${i + 1} is damaged`);
    const flags = u16(b, p + 8);
    const method = u16(b, p + 10);
    const crc = u32(b, p + 16);
    let compressedSize = u32(b, p + 20);
    let size = u32(b, p + 24);
    const nameLen = u16(b, p + 28);
    const extraLen = u16(b, p + 30);
    const commentLen = u16(b, p + 32);
    let localOffset = u32(b, p + 42);
    // Version made by: high byte 3 is Unix, whose mode sits in the high half of the external attributes.
    const symlink = b[p + 5] === 3 && ((u32(b, p + 38) >>> 16) & 0xf000) === 0xa000;
    const nameStart = p + 46;
    const extraStart = nameStart + nameLen;
    const next = extraStart + extraLen + commentLen;
    if (next > b.length) throw corrupt(`central directory entry ${i + 1} is truncated`);
    const name = decoder.decode(b.subarray(nameStart, extraStart));

    if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      // Zip64 extended information: only the fields whose 32-bit value is saturated are present.
      let q = extraStart;
      const end = extraStart + extraLen;
      while (q + 4 <= end) {
        const id = u16(b, q);
        const len = u16(b, q + 2);
        if (id === 0x0001) {
          let r = q + 4;
          const take = (): number => {
            if (r + 8 > q + 4 + len) throw new ImportError(file, name, 'corrupt zip64 size field');
            const v = u64(b, r);
            r += 8;
            return v;
          };
          if (size === 0xffffffff) size = take();
          if (compressedSize === 0xffffffff) compressedSize = take();
          if (localOffset === 0xffffffff) localOffset = take();
          break;
        }
        q += 4 + len;
      }
    }
    entries.push({ name, flags, method, crc, compressedSize, size, localOffset, symlink });
    p = next;
  }
  return entries;
}

/** An entry's compressed bytes, located through its local header. */
function entryData(b: Uint8Array, e: CentralEntry, file: string): Uint8Array {
  const h = e.localOffset;
  if (h + 30 > b.length || u32(b, h) !== 0x04034b50) throw new ImportError(file, e.name, 'local header is missing');
  const start = h + 30 + u16(b, h + 26) + u16(b, h + 28);
  const end = start + e.compressedSize;
  if (end > b.length) throw new ImportError(file, e.name, 'entry data runs past the end of the file');
  return b.subarray(start, end);
}

/** Compressed bytes fed to the streaming inflater at once: 64 KiB (its output per step stays within 64 MiB even at deflate's highest ratio). */
const STREAM_STEP = 64 * 1024;

function streamEntry(b: Uint8Array, e: CentralEntry, file: string, onChunk: (chunk: Uint8Array) => void): void {
  const raw = entryData(b, e, file);
  let size = 0;
  let crc = 0;
  const take = (chunk: Uint8Array): void => {
    size += chunk.length;
    if (size > e.size) throw new ImportError(file, e.name, `entry inflates to more than its declared ${e.size} bytes`);
    crc = zlibCrc32(chunk, crc);
    onChunk(chunk);
  };
  if (e.method === 0) {
    for (let at = 0; at < raw.length; at += 1024 * 1024) take(raw.slice(at, at + 1024 * 1024));
  } else {
    const inflater = new Inflate((chunk) => take(chunk));
    try {
      for (let at = 0; at < raw.length; at += STREAM_STEP) inflater.push(raw.subarray(at, at + STREAM_STEP), at + STREAM_STEP >= raw.length);
      if (raw.length === 0) inflater.push(raw, true);
    } catch (err) {
      if (err instanceof ImportError) throw err;
      throw new ImportError(file, e.name, `corrupt compressed data (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  if (size !== e.size) throw new ImportError(file, e.name, `entry inflates to ${size} bytes, not the declared ${e.size}`);
  if (crc >>> 0 !== e.crc) throw new ImportError(file, e.name, 'checksum mismatch (corrupt entry)');
}

function extractEntry(b: Uint8Array, e: CentralEntry, file: string): Uint8Array {
  const raw = entryData(b, e, file);
  if (e.method === 0) return raw.slice();

  let out: Buffer;
  try {
    // Native inflate, stopped by zlib itself as soon as the output passes the declared size. The
    // output buffer is the declared size plus one byte: a truthful entry fills it in one go (no
    // copying of chunks), a lying one overflows it and is refused.
    out = inflateRawSync(raw, { maxOutputLength: Math.max(1, e.size), chunkSize: Math.max(64, e.size + 1) });
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ImportError(file, e.name, `entry inflates to more than its declared ${e.size} bytes`);
    }
    throw new ImportError(file, e.name, `corrupt compressed data (${err instanceof Error ? err.message : String(err)})`);
  }
  if (out.length > e.size) throw new ImportError(file, e.name, `entry inflates to more than its declared ${e.size} bytes`);
  if (out.length !== e.size) throw new ImportError(file, e.name, `entry inflates to ${out.length} bytes, not the declared ${e.size}`);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

function u16(b: Uint8Array, i: number): number {
  return (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
}

function u32(b: Uint8Array, i: number): number {
  return ((b[i] ?? 0) | ((b[i + 1] ?? 0) << 8) | ((b[i + 2] ?? 0) << 16) | ((b[i + 3] ?? 0) << 24)) >>> 0;
}

/** Little-endian 64-bit value as a number (exact up to 2^53, which covers every real offset). */
function u64(b: Uint8Array, i: number): number {
  return u32(b, i) + u32(b, i + 4) * 0x1_0000_0000;
}

/** CRC-32 (IEEE 802.3, as zip uses it). */
export function crc32(data: Uint8Array): number {
  return zlibCrc32(data) >>> 0;
}
