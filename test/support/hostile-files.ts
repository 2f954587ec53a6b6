/**
 * Hostile import files, built by the tests themselves: archive tricks (zip-slip, symbolic links,
 * deflate and zstd bombs, lying sizes), Anki collections that attack the reader (generated
 * columns, views, triggers, huge fields, review times out of range, deeply nested templates),
 * and text that attacks the parsers (invalid UTF-8, deep nesting, a million columns, a 50 MB field).
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { strToU8, zipSync, type Zippable } from 'fflate';

export interface HostileFile {
  name: string;
  fileName: string;
  /** Built when asked, so that only one hostile file is in memory at a time. */
  build(): Uint8Array;
  /** What the error message must say. */
  expect: RegExp;
}

const MiB = 1024 * 1024;

/** A zstd frame of `blocks` RLE blocks of 128 KiB each (4 bytes per block): no declared content size. */
export function zstdRleBomb(blocks: number, byte = 0x41): Uint8Array {
  const out = new Uint8Array(6 + blocks * 4);
  out.set([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x38]); // magic, no content size, 128 KiB window
  for (let i = 0; i < blocks; i++) {
    const h = (131072 << 3) | (1 << 1) | (i === blocks - 1 ? 1 : 0);
    out.set([h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff, byte], 6 + i * 4);
  }
  return out;
}

/** A zstd frame holding `data` in raw blocks of up to 128 KiB (no compression), so a test can write zstd by hand. */
export function zstdRaw(data: Uint8Array): Uint8Array {
  const block = 128 * 1024;
  const blocks = Math.max(1, Math.ceil(data.length / block));
  const out = new Uint8Array(6 + blocks * 3 + data.length);
  out.set([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x38]);
  let at = 6;
  for (let i = 0; i < blocks; i++) {
    const part = data.subarray(i * block, (i + 1) * block);
    const h = (part.length << 3) | (i === blocks - 1 ? 1 : 0); // raw block
    out.set([h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff], at);
    out.set(part, at + 3);
    at += 3 + part.length;
  }
  return out;
}

/** Protobuf MediaEntries { repeated MediaEntry { string name = 1; } entries = 1 } for `names`. */
function mediaEntries(names: string[]): Uint8Array {
  const parts: number[] = [];
  for (const name of names) {
    const n = [...strToU8(name)];
    const entry = [0x0a, n.length, ...n];
    parts.push(0x0a, entry.length, ...entry);
  }
  return new Uint8Array(parts);
}

/** Anki's Basic note type as a legacy collection keeps it in `col.models` (id 100). */
export const BASIC_NOTE_TYPE = {
  id: 100,
  name: 'Basic',
  type: 0,
  flds: [{ name: 'Front', ord: 0 }, { name: 'Back', ord: 1 }],
  tmpls: [{ name: 'Card 1', ord: 0, qfmt: '{{Front}}', afmt: '{{FrontSide}}<hr id=answer>{{Back}}' }],
};

/** The tables of a legacy (schema 11) Anki collection, with defaults for what a test leaves out. */
export function legacyAnkiSchema(fldsColumn = 'flds text not null'): string {
  return `
    CREATE TABLE col (id integer primary key, crt integer not null default 1700000000, mod integer not null default 0,
      scm integer not null default 0, ver integer not null, dty integer not null default 0, usn integer not null default 0,
      ls integer not null default 0, conf text not null default '{}', models text not null, decks text not null,
      dconf text not null default '{}', tags text not null default '{}');
    CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null, mod integer not null default 0,
      usn integer not null default 0, tags text not null, ${fldsColumn},
      sfld integer not null default 0, csum integer not null default 0, flags integer not null default 0, data text not null default '');
    CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null, ord integer not null, mod integer not null default 0,
      usn integer not null default 0, type integer not null default 0, queue integer not null default 0, due integer not null default 0,
      ivl integer not null default 0, factor integer not null default 0, reps integer not null default 0, lapses integer not null default 0,
      left integer not null default 0, odue integer not null default 0, odid integer not null default 0, flags integer not null default 0,
      data text not null default '');
    CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null default 0, ease integer not null,
      ivl integer not null default 0, lastIvl integer not null default 0, factor integer not null default 0, time integer not null,
      type integer not null default 0);
  `;
}

interface CollectionSpec {
  /** An expression notes.flds is generated from (written into the schema after the rows, so it is never computed here). */
  generatedFlds?: string;
  qfmt?: string;
  flds?: string;
  revlogId?: number;
  extraSql?: string;
}

/** A small legacy (schema 11) Anki collection with one note, one card and one review, changed by `spec`. */
export function ankiCollection(dir: string, spec: CollectionSpec = {}): Uint8Array {
  const path = join(dir, `c-${randomBytes(6).toString('hex')}.anki2`);
  const db = new Database(path);
  db.exec(legacyAnkiSchema(spec.generatedFlds ? "flds text GENERATED ALWAYS AS ('x') VIRTUAL" : undefined));
  const models = { '100': { ...BASIC_NOTE_TYPE, tmpls: [{ ...BASIC_NOTE_TYPE.tmpls[0], qfmt: spec.qfmt ?? '{{Front}}' }] } };
  db.prepare('INSERT INTO col (id, ver, models, decks) VALUES (1, 11, ?, ?)').run(
    JSON.stringify(models),
    JSON.stringify({ '1': { id: 1, name: 'Default' } }),
  );
  if (spec.generatedFlds) db.prepare('INSERT INTO notes (id, guid, mid, tags) VALUES (1, ?, 100, ?)').run('g1', '');
  else db.prepare('INSERT INTO notes (id, guid, mid, tags, flds) VALUES (1, ?, 100, ?, ?)').run('g1', '', spec.flds ?? 'front\x1fback');
  db.prepare('INSERT INTO cards (id, nid, did, ord) VALUES (11, 1, 1, 0)').run();
  db.prepare('INSERT INTO revlog (id, cid, ease, time, type) VALUES (?, 11, 3, 5000, 1)').run(spec.revlogId ?? Date.UTC(2024, 0, 1));
  if (spec.extraSql) db.exec(spec.extraSql);
  if (spec.generatedFlds) {
    db.unsafeMode(true);
    db.pragma('writable_schema = ON');
    db.prepare("UPDATE sqlite_master SET sql = replace(sql, '''x''', ?) WHERE name = 'notes'").run(spec.generatedFlds);
    db.pragma('writable_schema = RESET');
  }
  db.close();
  const bytes = new Uint8Array(readFileSync(path));
  rmSync(path);
  return bytes;
}

const apkg = (files: Zippable): Uint8Array => zipSync(files);

/** Offset of the first central directory header of a zip made by fflate. */
export function centralDirectory(zip: Uint8Array): number {
  for (let i = zip.length - 22; i >= 0; i--) {
    if (zip[i] === 0x50 && zip[i + 1] === 0x4b && zip[i + 2] === 0x05 && zip[i + 3] === 0x06) {
      return new DataView(zip.buffer, zip.byteOffset).getUint32(i + 16, true);
    }
  }
  throw new Error('no central directory');
}

/**
 * An overlapping-entries zip bomb: one deflated MiB of zeros, listed `copies` times in the
 * central directory under different names, every copy pointing at the same data.
 */
export function overlappingZip(copies: number): Uint8Array {
  const one = zipSync({ a: new Uint8Array(MiB) }, { level: 9 });
  const cd = centralDirectory(one);
  const record = one.subarray(cd, one.length - 22); // the one central record, named "a"
  const records: Uint8Array[] = [];
  for (let i = 0; i < copies; i++) {
    const name = strToU8(String(i).padStart(4, '0'));
    const r = new Uint8Array(46 + name.length);
    r.set(record.subarray(0, 46));
    new DataView(r.buffer).setUint16(28, name.length, true);
    new DataView(r.buffer).setUint16(30, 0, true); // no extra field
    r.set(name, 46);
    records.push(r);
  }
  const cdSize = records.reduce((n, r) => n + r.length, 0);
  const out = new Uint8Array(cd + cdSize + 22);
  out.set(one.subarray(0, cd));
  let at = cd;
  for (const r of records) {
    out.set(r, at);
    at += r.length;
  }
  const end = new DataView(out.buffer, at);
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, copies, true);
  end.setUint16(10, copies, true);
  end.setUint32(12, cdSize, true);
  end.setUint32(16, cd, true);
  return out;
}

/** Every hostile file of the corpus. `dir` is a scratch folder for building collections. */
export function hostileFiles(dir: string): HostileFile[] {
  const files: HostileFile[] = [];
  const add = (name: string, fileName: string, build: () => Uint8Array, expect: RegExp): void => {
    files.push({ name, fileName, build, expect });
  };
  const good = ankiCollection(dir);

  add('zip-slip', 'slip.apkg', () => apkg({ 'collection.anki2': good, '../../../evil.sh': strToU8('x') }), /\(\.\.\/\.\.\/\.\.\/evil\.sh\): entry name contains "\.\."/);
  add('absolute path', 'abs.apkg', () => apkg({ 'collection.anki2': good, '/etc/cron.d/x': strToU8('x') }), /absolute path/);
  add('symbolic link', 'link.apkg', () => apkg({ 'collection.anki2': good, media: strToU8('{"0":"a.txt"}'), '0': [strToU8('/etc/passwd'), { os: 3, attrs: 0o120777 << 16 }] }),
    /\(0\): entry is a symbolic link/,
  );
  add('overlapping zip entries', 'overlap.apkg', () => overlappingZip(200), /overlap\.apkg: archive expands \d+:1, more than the 200:1 limit/);
  add('deflate ratio bomb', 'bomb.apkg', () => zipSync({ 'collection.anki2': good, '0': new Uint8Array(64 * MiB) }, { level: 9 }), /\(0\): entry expands \d+:1, more than the 200:1 limit/);

  // Lying sizes: the central directory says 1,000 bytes; the entry inflates to 3 MiB.
  const liar = (): Uint8Array => {
    const zip = zipSync({ 'collection.anki2': strToU8('SQLite format 3\0'.padEnd(3 * MiB, 'x')) });
    new DataView(zip.buffer).setUint32(centralDirectory(zip) + 24, 1000, true);
    return zip;
  };
  add('lying size in zip header', 'liar.apkg', liar, /\(collection\.anki2\): entry inflates to more than its declared 1000 bytes/);

  add('zstd collection bomb (.anki21b)', 'bomb21b.apkg', () => apkg({ 'collection.anki21b': zstdRleBomb(40_000), 'collection.anki2': good }), /collection\.anki21b.*(expands|possible decompression bomb)/);
  add('bare .anki21b bomb', 'collection.anki21b', () => zstdRleBomb(200_000), /collection\.anki21b.*(expands|possible decompression bomb)/);
  // 600 media files of 1 MiB each (38 bytes apiece compressed): each is within the ratio, together past the cap.
  const media = (): Uint8Array => {
    const names = Array.from({ length: 600 }, (_, i) => `m${i}.bin`);
    const files: Zippable = { 'collection.anki2': good, media: zstdRaw(mediaEntries(names)) };
    names.forEach((_, i) => (files[String(i)] = zstdRleBomb(8)));
    return apkg(files);
  };
  add('zstd media past the media cap', 'zmedia.apkg', media, /\(media \d+\): the file expands to more than 256 MiB/);
  add('zstd window too large', 'window.apkg', () => apkg({ 'collection.anki21b': new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0xf8, 1, 0, 0]) }), /zstd window of .* is larger than the 32 MiB limit/);

  const huge = "printf('%.*c', 1000000000, 'x') || char(31) || 'back'";
  add('generated flds column', 'gen.apkg', () => apkg({ 'collection.anki2': ankiCollection(dir, { generatedFlds: huge }) }), /column notes\.flds.*generated columns are not allowed/);
  add('view', 'view.apkg', () => apkg({ 'collection.anki2': ankiCollection(dir, { extraSql: `CREATE VIEW big AS SELECT ${huge} AS x` }) }), /view "big".*views are not allowed/);
  add('trigger', 'trigger.apkg', () => apkg({ 'collection.anki2': ankiCollection(dir, { extraSql: 'CREATE TRIGGER t AFTER INSERT ON notes BEGIN DELETE FROM notes; END' }) }), /trigger "t".*triggers are not allowed/);
  const bigField = (): string => randomBytes(15 * MiB).toString('base64'); // 20 MiB of text that does not compress far
  add('20 MiB field in an Anki note', 'field.apkg', () => apkg({ 'collection.anki2': ankiCollection(dir, { flds: `${bigField()}\x1fback` }) }), /note 1, column flds\): value is 20 MiB, more than the 16 MiB limit/);
  add('review time out of range', 'revlog.apkg', () => apkg({ 'collection.anki2': ankiCollection(dir, { revlogId: 1e18 }) }), /review log entry 1000000000000000000\): review time .* is outside 1970-01-01 to 2100-01-01/);
  add('negative review time', 'revlog2.apkg', () => apkg({ 'collection.anki2': ankiCollection(dir, { revlogId: -5 }) }), /review log entry -5\): review time/);
  const deep = `${'{{#Front}}'.repeat(20_000)}x${'{{/Front}}'.repeat(20_000)}`;
  add('deeply nested template', 'deep.apkg', () => apkg({ 'collection.anki2': ankiCollection(dir, { qfmt: deep }) }), /note type "Basic", template "Card 1" \(front\)\): sections are nested more than 100 deep/);

  const repeated = (): Uint8Array => {
    const field = randomBytes(3 * MiB).toString('base64');
    return apkg({ 'collection.anki2': ankiCollection(dir, { qfmt: '{{Front}}'.repeat(5000), flds: `${field}\x1fback` }) });
  };
  add('template repeating a 4 MiB field 5,000 times', 'repeat.apkg', repeated, /repeat\.apkg \(collection\.anki2\): a card side would be longer than 64 Mi characters/);
  add('invalid UTF-8', 'bad.txt', () => new Uint8Array([0x66, 0x72, 0x6f, 0x6e, 0x74, 0x09, 0xc3, 0x28, 0xff, 0xfe, 0x0a]), /bad\.txt: text is not valid UTF-8/);
  add('a million CSV columns', 'wide.csv', () => strToU8(`${'a,'.repeat(1_000_000)}b\n`), /wide\.csv \(line 1\): row has 1000001 fields, more than the 1000 limit/);
  add('50 MB CSV field', 'long.tsv', () => strToU8(`front\t${'y'.repeat(50 * 1000 * 1000)}\n`), /long\.tsv \(line 1, field 2\): field is 47\.7 MiB, more than the 16 MiB limit/);
  const deepJson = (): string => `{"format":"retain-deck","formatVersion":1,"deck":{"id":"d","title":"D","version":1},"notes":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`;
  add('deeply nested JSON', 'deep.json', () => strToU8(deepJson()), /deep\.json \(note 1\): must be an object/);
  const bigJson = (): string => JSON.stringify({ format: 'retain-deck', formatVersion: 1, deck: { id: 'd', title: 'D', version: 1 }, notes: [{ id: 'n', kind: 'basic', section: '§1', tags: ['t'], front: 'f', back: 'b'.repeat(20 * MiB) }] });
  add('20 MiB field in a Retain deck', 'big.json', () => strToU8(bigJson()), /big\.json \(note 1, back\): text is 20 MiB, more than the 16 MiB limit/);
  return files;
}
