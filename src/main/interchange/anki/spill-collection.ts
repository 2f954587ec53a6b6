/**
 * Decompressing a collection (a zstd `collection.anki21b` or bare `.anki21b` file, or a large
 * deflated `collection.anki21`/`collection.anki2` zip entry) without ever holding a large one in
 * memory: the output is kept in memory up to a limit, and past it is written, block by block as
 * it streams out, to a file in a private temporary folder that the caller reads through SQLite
 * and then removes.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { OutputBudget } from '../formats/limits';
import { joinChunks, zstdDecompressStream } from '../formats/zstd';

/** A collection written to `path`, inside the private folder `dir` (remove it when done). */
export interface SpilledCollection {
  dir: string;
  path: string;
  bytes: number;
  /** The file's first 100 bytes (SQLite's header). */
  head: Uint8Array;
}

/** Decompress zstd `data`; the bytes when they fit in `inMemoryLimit`, else the file they were written to. */
export function decompressCollection(
  data: Uint8Array,
  file: string,
  entry: string,
  budget: OutputBudget,
  tmpDir: string,
  inMemoryLimit: number,
): Uint8Array | SpilledCollection {
  return spillCollection((onChunk) => zstdDecompressStream(data, file, entry, budget, onChunk), tmpDir, inMemoryLimit);
}

/**
 * Keep what `produce` hands to its callback, chunk by chunk: the bytes when they fit in
 * `inMemoryLimit`, else the file they were written to (removed again if `produce` throws).
 */
export function spillCollection(
  produce: (onChunk: (chunk: Uint8Array) => void) => void,
  tmpDir: string,
  inMemoryLimit: number,
): Uint8Array | SpilledCollection {
  const held: Uint8Array[] = [];
  let size = 0;
  const head = new Uint8Array(100);
  let spill: { dir: string; path: string; fd: number } | undefined;
  const write = (fd: number, chunk: Uint8Array): void => {
    let at = 0;
    while (at < chunk.length) at += writeSync(fd, chunk, at, chunk.length - at);
  };
  try {
    produce((chunk) => {
      if (size < head.length) head.set(chunk.subarray(0, head.length - size), size);
      if (!spill && size + chunk.length > inMemoryLimit) {
        const dir = mkdtempSync(join(tmpDir, 'retain-anki-'));
        const path = join(dir, 'collection.sqlite');
        spill = { dir, path, fd: openSync(path, 'wx') };
        for (const c of held) write(spill.fd, c);
        held.length = 0;
      }
      if (spill) write(spill.fd, chunk);
      else held.push(chunk);
      size += chunk.length;
    });
  } catch (err) {
    if (spill) {
      closeSync(spill.fd);
      rmSync(spill.dir, { recursive: true, force: true });
    }
    throw err;
  }
  if (spill) {
    closeSync(spill.fd);
    return { dir: spill.dir, path: spill.path, bytes: size, head };
  }
  return joinChunks(held, size);
}
