/** SQL for presets (study settings) and app settings (key → JSON). */
import { randomBytes } from 'node:crypto';
import type { Db } from '../open-db';

/** A preset as sync reads and writes it (config as stored JSON text). */
export interface SyncPresetRow {
  id: number;
  guid: string;
  name: string;
  config: string;
}

export function createSettingsRepo(db: Db) {
  const presetGet = db.prepare<[number], { config: string }>('SELECT config FROM presets WHERE id = ?');
  const presetSet = db.prepare<[string, number]>('UPDATE presets SET config = ? WHERE id = ?');
  const presetInsert = db.prepare<[string, string, string]>('INSERT INTO presets (name, config, guid) VALUES (?, ?, ?)');
  const presetRows = db.prepare<[], SyncPresetRow>('SELECT id, guid, name, config FROM presets ORDER BY id');
  const presetByGuid = db.prepare<[string], SyncPresetRow>('SELECT id, guid, name, config FROM presets WHERE guid = ?');
  const presetSync = db.prepare<[string, string, number]>('UPDATE presets SET name = ?, config = ? WHERE id = ?');
  const all = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings ORDER BY key');
  const remove = db.prepare<[string]>('DELETE FROM settings WHERE key = ?');
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
      // Its id on every device: the name it was made with, and a random tail (two devices may both make "Exam").
      const guid = `name:${name.toLowerCase()}#${randomBytes(6).toString('hex')}`;
      return Number(presetInsert.run(name, JSON.stringify(config), guid).lastInsertRowid);
    },
    /** Every preset with its guid and stored config (sync). */
    presetRows(): SyncPresetRow[] {
      return presetRows.all();
    },
    presetByGuid(guid: string): SyncPresetRow | undefined {
      return presetByGuid.get(guid);
    },
    /** Write a preset as merged from other devices (insert when its guid is new); returns its id. */
    upsertPresetByGuid(guid: string, name: string, configJson: string): number {
      const had = presetByGuid.get(guid);
      if (!had) return Number(presetInsert.run(name, configJson, guid).lastInsertRowid);
      presetSync.run(name, configJson, had.id);
      return had.id;
    },
    /** Every setting as stored (key → JSON text). */
    allSettings(): Array<{ key: string; value: string }> {
      return all.all();
    },
    /** Write a setting's stored JSON text as merged from another device. */
    setRaw(key: string, valueJson: string): void {
      set.run(key, valueJson);
    },
    deleteSetting(key: string): void {
      remove.run(key);
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
