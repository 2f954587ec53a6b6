/**
 * Bounded zstd decompression for imports (Anki's `collection.anki21b`, its media list and its
 * media files), with fzstd's streaming decoder.
 *
 * Before anything is decoded, every frame of the input is walked by its headers: a frame may
 * not ask for a window larger than MAX_ZSTD_WINDOW (the decoder allocates it up front), nor
 * declare more content than the budget has left (a single-segment frame, whose window is its
 * content, is allocated at that size), and dictionaries and reserved bits are refused. While decoding, each block of
 * output is counted against the file's budget and against the expansion ratio the moment it
 * appears, so a bomb stops after at most one block (128 KiB) past the limit.
 */
import { Decompress } from 'fzstd';
import { ImportError } from './bundle';
import { MAX_EXPANSION_RATIO, RATIO_EXEMPT_BYTES } from './archive';
import { formatBytes, type OutputBudget } from './limits';

/** First bytes of a zstd frame. */
export const ZSTD_MAGIC: readonly number[] = [0x28, 0xb5, 0x2f, 0xfd];
/** Largest zstd window accepted (the decoder allocates it up front): 32 MiB (zstd's levels 1–19 use at most 8 MiB). */
export const MAX_ZSTD_WINDOW = 32 * 1024 * 1024;

export function hasZstdMagic(b: Uint8Array): boolean {
  return b.length >= 4 && ZSTD_MAGIC.every((x, i) => b[i] === x);
}

interface FrameHeader {
  /** Bytes the decoder allocates for this frame's window (a single-segment frame's is its content size). */
  window: number;
  singleSegment: boolean;
  contentSize?: number;
}

/**
 * The headers of every frame in `b`, judged without decoding. Throws a plain Error for a
 * malformed stream (the caller names the file).
 */
function walkFrames(b: Uint8Array): FrameHeader[] {
  const frames: FrameHeader[] = [];
  let p = 0;
  const u32 = (i: number): number => ((b[i] ?? 0) | ((b[i + 1] ?? 0) << 8) | ((b[i + 2] ?? 0) << 16) | ((b[i + 3] ?? 0) << 24)) >>> 0;
  while (p < b.length) {
    if (p + 4 > b.length) throw new Error('truncated zstd frame');
    const magic = u32(p);
    if ((magic & 0xfffffff0) === 0x184d2a50) {
      // A skippable frame: magic, 4-byte length, data.
      p += 8 + u32(p + 4);
      continue;
    }
    if (magic !== 0xfd2fb528) throw new Error('not a zstd frame');
    const fhd = b[p + 4] ?? 0;
    const fcsFlag = fhd >> 6;
    const singleSegment = ((fhd >> 5) & 1) === 1;
    const dictFlag = fhd & 3;
    if (fhd & 8) throw new Error('reserved bit set in a zstd frame header');
    if (dictFlag !== 0) throw new Error('zstd dictionaries are not supported');
    let q = p + 5;
    let window = 0;
    if (!singleSegment) {
      const wd = b[q++] ?? 0;
      const base = 2 ** (10 + (wd >> 3));
      window = base + (base / 8) * (wd & 7);
    }
    const fcsBytes = fcsFlag === 0 ? (singleSegment ? 1 : 0) : 2 ** fcsFlag;
    let contentSize: number | undefined;
    if (fcsBytes > 0) {
      let v = 0;
      for (let k = fcsBytes - 1; k >= 0; k--) v = v * 256 + (b[q + k] ?? 0);
      contentSize = fcsBytes === 2 ? v + 256 : v;
    }
    q += fcsBytes;
    if (singleSegment) window = contentSize ?? 0;
    frames.push(contentSize === undefined ? { window, singleSegment } : { window, singleSegment, contentSize });
    // Blocks: a 3-byte header (last flag, type, size) and the block's bytes (one byte for RLE).
    for (;;) {
      if (q + 3 > b.length) throw new Error('truncated zstd block');
      const h = (b[q] ?? 0) | ((b[q + 1] ?? 0) << 8) | ((b[q + 2] ?? 0) << 16);
      const type = (h >> 1) & 3;
      if (type === 3) throw new Error('reserved zstd block type');
      q += 3 + (type === 1 ? 1 : h >> 3);
      if (h & 1) break;
    }
    p = q + (fhd & 4 ? 4 : 0);
  }
  if (p > b.length) throw new Error('truncated zstd frame');
  return frames;
}

/**
 * Decompress zstd `data` (one or more frames), counting the output against `budget` and the
 * expansion ratio as it streams. `location` names the entry in errors.
 */
export function zstdDecompressBounded(data: Uint8Array, file: string, location: string, budget: OutputBudget): Uint8Array {
  let exact: Uint8Array | undefined;
  const chunks: Uint8Array[] = [];
  let total = 0;
  const { declared } = zstdDecompressStream(data, file, location, budget, (chunk, declaredSize) => {
    // When every frame declares its size the output is written into one buffer of that size.
    if (declaredSize !== undefined) {
      exact ??= new Uint8Array(declaredSize);
      if (total + chunk.length > exact.length) throw new ImportError(file, location, 'zstd data is longer than its frames declare');
      exact.set(chunk, total);
    } else chunks.push(chunk); // fzstd hands out a new array for every block
    total += chunk.length;
  });
  if (declared !== undefined) {
    if (total !== declared) throw new ImportError(file, location, 'zstd data is shorter than its frames declare');
    return exact ?? new Uint8Array(0);
  }
  return joinChunks(chunks, total);
}

/** `chunks` one after another in one array of `total` bytes. */
export function joinChunks(chunks: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Decompress zstd `data` block by block, handing each block of output to `onChunk` (with the
 * total the frames declare, when all of them do) after counting it against `budget` and the
 * expansion ratio. Returns the bytes produced and the total declared (if all frames declare one).
 */
export function zstdDecompressStream(
  data: Uint8Array,
  file: string,
  location: string,
  budget: OutputBudget,
  onChunk: (chunk: Uint8Array, declared: number | undefined) => void,
): { bytes: number; declared: number | undefined } {
  const ratioLimit = Math.max(RATIO_EXEMPT_BYTES, data.length * MAX_EXPANSION_RATIO);
  const remaining = (): number => Math.min(budget.limit - budget.used, ratioLimit);
  let frames: FrameHeader[];
  try {
    frames = walkFrames(data);
  } catch (err) {
    throw new ImportError(file, location, `corrupt zstd data (${(err as Error).message})`);
  }
  let declared: number | undefined = 0;
  for (const f of frames) {
    if (!f.singleSegment && f.window > MAX_ZSTD_WINDOW) {
      throw new ImportError(file, location, `zstd window of ${formatBytes(f.window)} is larger than the ${formatBytes(MAX_ZSTD_WINDOW)} limit`);
    }
    if (f.contentSize !== undefined && f.contentSize > remaining()) {
      throw new ImportError(file, location, `zstd data declares ${formatBytes(f.contentSize)}, more than the file may expand to (possible decompression bomb)`);
    }
    declared = f.contentSize === undefined || declared === undefined ? undefined : declared + f.contentSize;
  }
  if (declared !== undefined && declared > remaining()) {
    throw new ImportError(file, location, `zstd data declares ${formatBytes(declared)}, more than the file may expand to (possible decompression bomb)`);
  }

  let total = 0;
  const decoder = new Decompress((chunk) => {
    if (chunk.length === 0) return;
    if (chunk.length > ratioLimit - total) {
      throw new ImportError(file, location, `zstd data expands more than ${MAX_EXPANSION_RATIO}:1 (possible decompression bomb)`);
    }
    budget.take(chunk.length, location);
    onChunk(chunk, declared);
    total += chunk.length;
  });
  try {
    const slice = 64 * 1024;
    let p = 0;
    do {
      const q = Math.min(data.length, p + slice);
      decoder.push(data.subarray(p, q), q >= data.length);
      p = q;
    } while (p < data.length);
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw new ImportError(file, location, `corrupt zstd data (${err instanceof Error ? err.message : String(err)})`);
  }
  return { bytes: total, declared };
}
