/**
 * The files devices exchange (docs/sync.md, "Files"): their names, and their content as gzip of
 * one JSON document whose SHA-256 is in the name. A name either matches exactly or the file is
 * not ours (a sync service's temporary file, a conflicted copy…) and is ignored. Decoding a file
 * never throws: a file that does not verify is "not ready" (still being written, or damaged) and is
 * read again at the next sync.
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DEVICE_ID_PATTERN } from './event-id';
import { syncEventSchema, type SyncEvent } from './sync-events';

export const SYNC_FORMAT = 1;
export const SYNC_ROOT = 'retain-sync';
export const DEVICES_DIR = `${SYNC_ROOT}/devices`;
export const MEDIA_DIR = `${SYNC_ROOT}/media`;
export const FORMAT_FILE = `${SYNC_ROOT}/format.json`;

/** Seqs are written with this many digits so names sort in seq order. */
const SEQ_DIGITS = 12;
const SHA_CHARS = 16;
/**
 * The largest file read into memory (compressed or not): more is a damaged or hostile file. Retain
 * writes at most 20,000 events a file and snapshots of at most 200,000 (about 80 MB of JSON).
 */
export const MAX_FILE_BYTES = 160 * 1024 * 1024;

export interface SyncFileName {
  kind: 'events' | 'snapshot';
  /** First seq in the file (a snapshot starts at 1). */
  firstSeq: number;
  lastSeq: number;
  /** The first 16 hex digits of the SHA-256 of the uncompressed JSON. */
  sha: string;
  name: string;
}

const pad = (seq: number): string => String(seq).padStart(SEQ_DIGITS, '0');

export function eventsFileName(firstSeq: number, lastSeq: number, sha: string): string {
  return `${pad(firstSeq)}-${pad(lastSeq)}.${sha.slice(0, SHA_CHARS)}.events.gz`;
}

export function snapshotFileName(lastSeq: number, sha: string): string {
  return `snapshot-${pad(lastSeq)}.${sha.slice(0, SHA_CHARS)}.events.gz`;
}

const EVENTS_NAME = /^(\d{12})-(\d{12})\.([0-9a-f]{16})\.events\.gz$/;
const SNAPSHOT_NAME = /^snapshot-(\d{12})\.([0-9a-f]{16})\.events\.gz$/;

/**
 * The parts of one of our file names; null for anything else. Only exact names match, so a sync
 * service's "name (conflicted copy).events.gz", "name.sync-conflict-….events.gz", ".syncthing.name.tmp",
 * "~syncthing~name.tmp", "name.partial", "~$name" or ".~lock.name#" is never read.
 */
export function parseSyncFileName(name: string): SyncFileName | null {
  const events = EVENTS_NAME.exec(name);
  if (events) {
    const firstSeq = Number(events[1]);
    const lastSeq = Number(events[2]);
    if (firstSeq < 1 || lastSeq < firstSeq) return null;
    return { kind: 'events', firstSeq, lastSeq, sha: events[3] ?? '', name };
  }
  const snapshot = SNAPSHOT_NAME.exec(name);
  if (snapshot) {
    const lastSeq = Number(snapshot[1]);
    if (lastSeq < 1) return null;
    return { kind: 'snapshot', firstSeq: 1, lastSeq, sha: snapshot[2] ?? '', name };
  }
  return null;
}

/** True for a device folder's name (a device id). */
export const isDeviceFolder = (name: string): boolean => DEVICE_ID_PATTERN.test(name);

/** True for a media file's name in the media folder (a SHA-256 in hex). */
export const isMediaFileName = (name: string): boolean => /^[0-9a-f]{64}$/.test(name);

export interface SyncFileContent {
  device: string;
  firstSeq: number;
  lastSeq: number;
  /** The device's events with seqs firstSeq…lastSeq, in the order it made them (a seq whose transaction was rolled back has none). */
  events: SyncEvent[];
}

export interface EncodedSyncFile {
  name: string;
  data: Uint8Array;
}

export function encodeSyncFile(content: SyncFileContent, kind: 'events' | 'snapshot' = 'events'): EncodedSyncFile {
  if (content.events.length > content.lastSeq - content.firstSeq + 1) throw new Error(`a file for seqs ${content.firstSeq}-${content.lastSeq} holds at most one event per seq, got ${content.events.length}`);
  if (kind === 'snapshot' && content.firstSeq !== 1) throw new Error('a snapshot starts at seq 1');
  const json = JSON.stringify({
    format: SYNC_FORMAT,
    device: content.device,
    firstSeq: content.firstSeq,
    lastSeq: content.lastSeq,
    events: content.events.map((e) => ({ id: e.id, entity: e.entity, type: e.type, body: e.body })),
  });
  const sha = createHash('sha256').update(json).digest('hex');
  const name = kind === 'snapshot' ? snapshotFileName(content.lastSeq, sha) : eventsFileName(content.firstSeq, content.lastSeq, sha);
  return { name, data: new Uint8Array(gzipSync(json)) };
}

/** `skipped`: events whose envelope is not an event (left out; the rest of the file is merged). */
export type DecodedSyncFile = { ok: true; content: SyncFileContent; skipped: number } | { ok: false; reason: 'not_ready' | 'damaged'; message: string };

const fail = (reason: 'not_ready' | 'damaged', message: string): DecodedSyncFile => ({ ok: false, reason, message });

/**
 * Read one file of device `device`, named `name`. `not_ready`: the gzip stream or the checksum does
 * not verify (a sync service may still be writing it); `damaged`: it verifies but its content
 * breaks the format (it will not get better by waiting).
 */
export function decodeSyncFile(device: string, name: SyncFileName, data: Uint8Array): DecodedSyncFile {
  let text: string;
  try {
    if (data.byteLength > MAX_FILE_BYTES) return fail('damaged', `${name.name}: larger than ${MAX_FILE_BYTES} bytes`);
    text = gunzipSync(data, { maxOutputLength: MAX_FILE_BYTES }).toString('utf8');
  } catch (err) {
    return fail('not_ready', `${name.name}: not a complete gzip file (${err instanceof Error ? err.message : String(err)})`);
  }
  const sha = createHash('sha256').update(text).digest('hex');
  if (sha.slice(0, SHA_CHARS) !== name.sha) return fail('not_ready', `${name.name}: checksum does not match its name`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return fail('damaged', `${name.name}: not JSON`);
  }
  if (typeof doc !== 'object' || doc === null) return fail('damaged', `${name.name}: not a JSON object`);
  const d = doc as Record<string, unknown>;
  if (d.format !== SYNC_FORMAT) return fail('damaged', `${name.name}: format ${JSON.stringify(d.format)}, this version reads format ${SYNC_FORMAT}`);
  if (d.device !== device) return fail('damaged', `${name.name}: written by device ${JSON.stringify(d.device)}, found in the folder of ${device}`);
  if (d.firstSeq !== name.firstSeq || d.lastSeq !== name.lastSeq) return fail('damaged', `${name.name}: holds seqs ${String(d.firstSeq)}-${String(d.lastSeq)}, not what its name says`);
  if (!Array.isArray(d.events) || d.events.length > name.lastSeq - name.firstSeq + 1) return fail('damaged', `${name.name}: needs a list of at most one event per seq`);
  const events: SyncEvent[] = [];
  let skipped = 0;
  for (const raw of d.events) {
    const parsed = syncEventSchema.safeParse(raw);
    if (parsed.success) events.push(parsed.data);
    else skipped += 1;
  }
  return { ok: true, content: { device, firstSeq: name.firstSeq, lastSeq: name.lastSeq, events }, skipped };
}
