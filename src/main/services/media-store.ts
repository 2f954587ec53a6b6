/**
 * Media files (images, sounds) that cards refer to, kept as plain files in <dataDir>/media/<name>
 * and listed in the media table. Imports write new files into a staging folder beside it first;
 * `publish` moves them into place (never over an existing file) just before the transaction
 * commits, and a failed import removes what it moved, so a failure leaves the folder as it was.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';

const MIME: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.bmp': 'image/bmp',
  '.avif': 'image/avif',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.oga': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
  '.flac': 'audio/flac',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
};

export function mediaMime(name: string): string {
  return MIME[extname(name).toLowerCase()] ?? 'application/octet-stream';
}

/** True when `name` is a plain file name that cannot leave the media folder. */
export function isSafeMediaName(name: string): boolean {
  return (
    name.length > 0 &&
    Buffer.byteLength(name, 'utf8') <= 200 &&
    name !== '.' &&
    name !== '..' &&
    !/[/\\\0]/.test(name) &&
    !/^[A-Za-z]:/.test(name) &&
    !name.startsWith('.')
  );
}

export interface MediaStaging {
  /** Write a file into the staging folder (nothing visible yet). */
  put(name: string, data: Uint8Array): void;
  /** Move every staged file into the media folder; returns the names moved. Refuses to replace a file. */
  publish(): string[];
  /** Remove the staging folder and whatever is still in it. */
  discard(): void;
}

const STAGING_PREFIX = '.media-staging-';

/** Whether a process with this id is running (one we may not signal counts as running). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove staging folders left by an import that was cut off (the process was killed or crashed).
 * A folder whose process is still running (an import on the command line) is left alone; this
 * process has not started an import yet when it calls this, so its own pid counts as gone.
 */
export function removeAbandonedStaging(dataDir: string): string[] {
  if (!existsSync(dataDir)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(dataDir)) {
    if (!name.startsWith(STAGING_PREFIX)) continue;
    const pid = Number(/^\.media-staging-(\d+)-/.exec(name)?.[1] ?? NaN);
    if (Number.isInteger(pid) && pid !== process.pid && processAlive(pid)) continue;
    rmSync(join(dataDir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

export function createMediaStore(dataDir: string) {
  const dir = join(dataDir, 'media');
  const pathOf = (name: string): string => {
    if (!isSafeMediaName(name)) throw new Error(`unsafe media file name "${name}"`);
    return join(dir, name);
  };

  return {
    dir,
    exists(name: string): boolean {
      return isSafeMediaName(name) && existsSync(join(dir, name));
    },
    read(name: string): Uint8Array | undefined {
      if (!isSafeMediaName(name)) return undefined;
      try {
        return new Uint8Array(readFileSync(join(dir, name)));
      } catch {
        return undefined;
      }
    },
    /** Delete files (used to undo a publish when the commit fails). */
    remove(names: readonly string[]): void {
      for (const n of names) rmSync(pathOf(n), { force: true });
    },
    staging(): MediaStaging {
      let stage: string | undefined;
      const staged: string[] = [];
      return {
        put(name, data) {
          pathOf(name);
          if (!stage) {
            mkdirSync(dataDir, { recursive: true });
            stage = mkdtempSync(join(dataDir, `${STAGING_PREFIX}${process.pid}-`));
          }
          writeFileSync(join(stage, name), data);
          staged.push(name);
        },
        publish() {
          if (!stage || staged.length === 0) return [];
          mkdirSync(dir, { recursive: true });
          const moved: string[] = [];
          try {
            for (const name of staged) {
              const target = pathOf(name);
              if (existsSync(target)) throw new Error(`media file "${name}" already exists`);
              renameSync(join(stage, name), target);
              moved.push(name);
            }
          } catch (err) {
            for (const name of moved) rmSync(pathOf(name), { force: true });
            throw err;
          }
          return moved;
        },
        discard() {
          if (stage) rmSync(stage, { recursive: true, force: true });
          stage = undefined;
        },
      };
    },
  };
}
export type MediaStore = ReturnType<typeof createMediaStore>;
