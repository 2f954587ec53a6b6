/**
 * The media step of an import: the name each file of the bundle is stored under (an unsafe name
 * is made safe; a name already used by a different file gets a "-<hash>" suffix) and which files
 * must be written (a file already stored under its name with the same bytes is not).
 */
import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import type { MediaRepo } from '../../db/repos/media-repo';
import { isSafeMediaName, type MediaStore } from '../../services/media-store';
import type { ImportMedia } from '../formats/bundle';
import type { PlannedMedia } from './import-plan-types';

/** Decide, for every media file, the name it is stored under and whether it must be written. */
export function planMedia(
  files: readonly ImportMedia[],
  media: MediaRepo,
  mediaStore: MediaStore,
): { renames: Map<string, string>; write: PlannedMedia[]; byName: Map<string, Uint8Array> } {
  const renames = new Map<string, string>();
  const write: PlannedMedia[] = [];
  const byName = new Map<string, Uint8Array>();
  const taken = new Set<string>();
  for (const m of files) {
    const sha256 = createHash('sha256').update(m.data).digest('hex');
    let base = m.name;
    if (!isSafeMediaName(base)) base = `_${base.replace(/^\.+/, '').replace(/[/\\\0:]/g, '_')}`;
    if (!isSafeMediaName(base)) {
      const ext = extname(base);
      base = `media-${sha256.slice(0, 16)}${/^\.[A-Za-z0-9]{1,10}$/.test(ext) ? ext : ''}`;
    }
    let name = base;
    for (let n = 0; ; n++) {
      if (n > 0) {
        const ext = extname(base);
        const stem = base.slice(0, base.length - ext.length);
        name = `${stem}-${sha256.slice(0, 8)}${n > 1 ? `-${n}` : ''}${ext}`;
        if (!isSafeMediaName(name)) name = `media-${sha256.slice(0, 16)}${n > 1 ? `-${n}` : ''}`;
      }
      if (taken.has(name)) continue;
      const row = media.get(name);
      if (row && row.sha256 === sha256) break; // already stored
      if (!row && !mediaStore.exists(name)) {
        write.push({ name, data: m.data, sha256 });
        break;
      }
    }
    taken.add(name);
    byName.set(name, m.data);
    if (name !== m.name) renames.set(m.name, name);
  }
  return { renames, write, byName };
}
