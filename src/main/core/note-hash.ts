/**
 * The content hash of a note, one rule for every writer: the built-in deck service and the import
 * compare it to tell an unchanged note from an updated one, so both must hash the same bytes.
 * The text hashed is `JSON.stringify({ c: content, t: tags, s: section })` (without `s` for notes
 * that have no section of their own), built from JSON already serialised so a large import does
 * not serialise a note twice.
 */
import { hash } from 'node:crypto';

/** First 32 hex digits of the SHA-256 of the note's content, tags and (when given) section. */
export function noteContentHash(contentJson: string, tagsJson: string, section: string | null): string {
  const text = section !== null ? `{"c":${contentJson},"t":${tagsJson},"s":${JSON.stringify(section)}}` : `{"c":${contentJson},"t":${tagsJson}}`;
  return hash('sha256', text, 'hex').slice(0, 32);
}
