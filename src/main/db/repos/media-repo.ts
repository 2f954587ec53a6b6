/** SQL for the media table: which files under <dataDir>/media belong to the collection. */
import type { Db } from '../open-db';

export interface MediaRow {
  name: string;
  sha256: string;
  bytes: number;
}

export function createMediaRepo(db: Db) {
  const get = db.prepare<[string], MediaRow>('SELECT name, sha256, bytes FROM media WHERE name = ?');
  const all = db.prepare<[], MediaRow & { createdAt: number }>('SELECT name, sha256, bytes, created_at AS createdAt FROM media ORDER BY name');
  const insert = db.prepare<[string, string, number, number]>('INSERT INTO media (name, sha256, bytes, created_at) VALUES (?, ?, ?, ?)');
  return {
    get(name: string): MediaRow | undefined {
      return get.get(name);
    },
    /** Every media file of the collection (the sync lists them). */
    all(): Array<MediaRow & { createdAt: number }> {
      return all.all();
    },
    insert(row: MediaRow, now: number): void {
      insert.run(row.name, row.sha256, row.bytes, now);
    },
  };
}
export type MediaRepo = ReturnType<typeof createMediaRepo>;
