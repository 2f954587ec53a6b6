/**
 * The media files of an Anki package: the media list (JSON in legacy packages, zstd-compressed
 * protobuf in newer ones) checked name by name, and each file read from the zip (zstd-decompressed
 * where the package compresses them), all against the package's output budget.
 */
import type { ImportMedia, ImportSkip } from '../formats/bundle';
import { ImportError } from '../formats/bundle';
import type { ZipArchive } from '../formats/archive';
import type { OutputBudget } from '../formats/limits';
import { hasZstdMagic, zstdDecompressBounded } from '../formats/zstd';
import { protoFields, protoString, utf8 } from './anki-protobuf';
import { parseJsonObject } from './anki-schema';

/** Why a media file name is unusable as a plain file name, or undefined when it is fine. */
export function unsafeMediaNameReason(name: string): string | undefined {
  if (name.trim() === '') return 'empty media file name';
  if (/[/\\\0]/.test(name)) return `media file name "${name}" contains a path separator or NUL`;
  if (name === '.' || name === '..') return `media file name "${name}" is not a file name`;
  if (/^[A-Za-z]:/.test(name)) return `media file name "${name}" starts with a drive letter`;
  return undefined;
}

export function readMedia(zip: ZipArchive, file: string, skipped: ImportSkip[], budget: OutputBudget): ImportMedia[] {
  const raw = zip.read('media');
  if (!raw || raw.length === 0) return [];
  const list: Array<{ key: string; name: string }> = [];
  let compressedFiles = false;
  if (hasZstdMagic(raw)) {
    // Newer packages: zstd-compressed MediaEntries { repeated MediaEntry entries = 1 },
    // MediaEntry { string name = 1; uint32 size = 2; bytes sha1 = 3; uint32 legacy_zip_filename = 255 }.
    compressedFiles = true;
    const decoded = zstdDecompressBounded(raw, file, 'media', budget);
    let index = 0;
    for (const e of protoFields(decoded)) {
      if (e.field !== 1 || !e.bytes) continue;
      const fields = protoFields(e.bytes);
      const legacy = fields.find((f) => f.field === 255 && f.varint !== undefined)?.varint;
      list.push({ key: String(legacy ?? index), name: protoString(fields, 1) ?? '' });
      index++;
    }
  } else {
    const map = parseJsonObject(utf8.decode(raw), file, 'media', 'media map entries');
    for (const [key, name] of Object.entries(map)) {
      if (typeof name !== 'string') throw new ImportError(file, `media ${key}`, 'media map value is not a file name');
      list.push({ key, name });
    }
  }
  const out: ImportMedia[] = [];
  const names = new Set<string>();
  for (const { key, name } of list) {
    const bad = unsafeMediaNameReason(name);
    if (bad) throw new ImportError(file, `media ${key}`, bad);
    if (!zip.has(key)) {
      skipped.push({ location: `media ${key}`, reason: `"${name}" is listed but missing from the package` });
      continue;
    }
    if (names.has(name)) {
      skipped.push({ location: `media ${key}`, reason: `"${name}" appears twice in the media list` });
      continue;
    }
    names.add(name);
    const data = zip.read(key) as Uint8Array;
    out.push({ name, data: compressedFiles && hasZstdMagic(data) ? zstdDecompressBounded(data, file, `media ${key}`, budget) : data });
  }
  return out;
}
