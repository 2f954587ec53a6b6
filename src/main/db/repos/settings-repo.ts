/** SQL for presets (study settings) and app settings (key → JSON). */
import type { Db } from '../open-db';

export function createSettingsRepo(db: Db) {
  const presetGet = db.prepare<[number], { config: string }>('SELECT config FROM presets WHERE id = ?');
  const presetSet = db.prepare<[string, number]>('UPDATE presets SET config = ? WHERE id = ?');
  const presetInsert = db.prepare<[string, string]>('INSERT INTO presets (name, config) VALUES (?, ?)');
  const presetList = db.prepare<[], { id: number; name: string }>('SELECT id, name FROM presets ORDER BY id');
  const presetRename = db.prepare<[string, number]>('UPDATE presets SET name = ? WHERE id = ?');
  const presetDelete = db.prepare<[number]>('DELETE FROM presets WHERE id = ?');
  const get = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const set = db.prepare<[string, string]>(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  return {
    presetConfig(id: number): unknown {
      const r = presetGet.get(id);
      return r ? (JSON.parse(r.config) as unknown) : {};
    },
    savePresetConfig(id: number, config: unknown): void {
      presetSet.run(JSON.stringify(config), id);
    },
    /** A new preset (e.g. one an Anki package brought); returns its id. */
    createPreset(name: string, config: unknown): number {
      return Number(presetInsert.run(name, JSON.stringify(config)).lastInsertRowid);
    },
    /** Every preset's id and name, Default (1) first. */
    presets(): Array<{ id: number; name: string }> {
      return presetList.all();
    },
    renamePreset(id: number, name: string): void {
      presetRename.run(name, id);
    },
    deletePreset(id: number): boolean {
      return presetDelete.run(id).changes > 0;
    },
    get(key: string): unknown {
      const r = get.get(key);
      return r ? (JSON.parse(r.value) as unknown) : undefined;
    },
    set(key: string, value: unknown): void {
      set.run(key, JSON.stringify(value));
    },
  };
}
export type SettingsRepo = ReturnType<typeof createSettingsRepo>;
