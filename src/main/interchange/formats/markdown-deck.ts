/**
 * Markdown → Retain deck generator.
 *
 * Turns a study document written in Markdown into a deck file (format v1). Pure and
 * deterministic: the same Markdown and options give the same notes, in the same order, with
 * the same ids, so regenerating a deck after editing its source keeps the review history of
 * every note whose heading path, row label and column did not change.
 *
 * What becomes a note:
 * - Tables: for each data row (the first column is the row's label) and each further column,
 *   a `basic` note "<heading> — <row>: <column>?" → cell, plus a `choice` note whose
 *   distractors are other rows' values in the same column (when there is at least one).
 * - Lists (bulleted or ordered, outermost only) become one `cloze` note each, one deletion per
 *   item. A paragraph whose lines all read "**Lead**: explanation" is treated as a list too.
 *   When an item starts with a bold lead, only the lead is deleted.
 * Headings give the provenance ("§3.2") and the topic tag (slug of the nearest h1/h2).
 */
import MarkdownIt from 'markdown-it';
import { MarkdownDeckError } from './bundle';
import { DECK_FORMAT, DECK_FORMAT_VERSION, deckFileSchema, jsonPath } from '../../../shared/deck-format';
import type { DeckFile, DeckNote } from '../../../shared/deck-format';
import { basename, blankFrontMatter, BOLD_LEAD, clip, closingIndex, clozeItem, countCells, fitId, fitTag, hash32, labelBefore, norm, oneLine, slugify, stripNumbering } from './markdown-deck-text';
import { MAX_ID_LENGTH, MAX_SECTION_LENGTH, MAX_TITLE_LENGTH, MAX_CLOZE_ITEMS, MAX_DISTRACTORS, ID_PATTERN } from './markdown-deck-limits';

export interface MarkdownDeckOptions {
  /** Name (or path) of the source file; used in error messages, `deck.source.file` and the default deck id. */
  fileName: string;
  /** Deck id; defaults to a slug of the file name without its extension. */
  deckId?: string;
  /** Deck title; defaults to the first h1 (or the first heading when there is no h1). */
  title?: string;
  /** Deck version; defaults to 1. */
  version?: number;
}

export { slugify } from './markdown-deck-text';

export { MarkdownDeckError };

const md = new MarkdownIt('default', { html: false });
type Token = ReturnType<typeof md.parse>[number];

interface Heading {
  level: number;
  /** Source text of the heading, trimmed. */
  raw: string;
  /** Heading text with leading numbering ("3.2 ", "3. ") removed. */
  title: string;
  /** "3.2" for "3.2 Foo", "3" for "3. Foo", otherwise null. */
  number: string | null;
  /** 1-based line. */
  line: number;
}

interface Context {
  /** Provenance, e.g. "§3.2". */
  section: string;
  /** Topic tag: slug of the nearest h1/h2. */
  tag: string;
  /** Title of the nearest heading, without numbering. */
  headingTitle: string;
  /** Id prefix: slugs of the heading path joined with ".". */
  idPrefix: string;
}

interface ListItem {
  /** Item source Markdown on one line. */
  text: string;
}

interface Built {
  note: DeckNote;
  line: number;
}

/** Generate a Retain deck from Markdown. Throws `MarkdownDeckError` for documents it cannot use. */
export function generateDeckFromMarkdown(markdown: string, options: MarkdownDeckOptions): DeckFile {
  const file = options.fileName;
  const fail = (line: number, rule: string): never => {
    throw new MarkdownDeckError(file, line, rule);
  };

  const src = blankFrontMatter(markdown.replace(/\r\n?/g, '\n'));
  const lines = src.split('\n');
  const tokens = md.parse(src, {});

  // Pass 1: headings (title, and which h1 is the document title).
  const headings: Heading[] = [];
  const headingAt = new Map<number, Heading>();
  tokens.forEach((t, i) => {
    if (t.type !== 'heading_open') return;
    const raw = oneLine(tokens[i + 1]?.content ?? '');
    const { number, title } = stripNumbering(raw);
    const h: Heading = { level: Number(t.tag.slice(1)), raw, title, number, line: (t.map?.[0] ?? 0) + 1 };
    headings.push(h);
    headingAt.set(i, h);
  });
  const first = headings[0];
  if (!first) return fail(1, 'document has no heading');
  const firstH1 = headings.find((h) => h.level === 1);
  // The first heading, when it is an h1, names the document; it is left out of id paths so
  // that renaming the document keeps note ids.
  const titleHeading = first.level === 1 ? first : null;

  const base = basename(file);
  const deckId = options.deckId ?? slugify(base.replace(/\.[^.]*$/, '') || base);
  if (!ID_PATTERN.test(deckId) || deckId.length > MAX_ID_LENGTH) {
    fail(1, `deck id "${deckId}" must be 1-${MAX_ID_LENGTH} lowercase letters, digits, ".", "_" or "-"`);
  }
  const sourceTitle = clip((firstH1 ?? first).raw || base, MAX_TITLE_LENGTH);
  const title = clip((options.title ?? sourceTitle).trim(), MAX_TITLE_LENGTH);
  if (title === '') fail(1, 'deck title must not be empty');
  const version = options.version ?? 1;
  if (!Number.isInteger(version) || version < 1) fail(1, `deck version must be a positive integer, got ${version}`);

  const built: Built[] = [];
  const used = new Set<string>();
  const claimId = (wanted: string): string => {
    let id = fitId(wanted);
    for (let n = 2; used.has(id); n++) id = fitId(`${wanted}-${n}`);
    used.add(id);
    return id;
  };

  // Pass 2: walk blocks, tracking the heading stack.
  const stack: Heading[] = [];
  let context: Context | null = null;
  const contextFor = (): Context | null => {
    const nearest = stack[stack.length - 1];
    if (!nearest) return null;
    const topic = [...stack].reverse().find((h) => h.level <= 2) ?? nearest;
    const path = stack.filter((h) => h !== titleHeading);
    const idPath = (path.length > 0 ? path : stack).map((h) => slugify(h.title));
    return {
      section: nearest.number !== null ? `§${nearest.number}` : clip(`§${nearest.raw}`, MAX_SECTION_LENGTH),
      tag: fitTag(slugify(topic.title)),
      headingTitle: nearest.title,
      idPrefix: idPath.join('.'),
    };
  };

  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    if (!t) break;
    const line = (t.map?.[0] ?? 0) + 1;

    if (t.type === 'heading_open') {
      const h = headingAt.get(i);
      if (h) {
        while (stack.length > 0 && (stack[stack.length - 1]?.level ?? 0) >= h.level) stack.pop();
        stack.push(h);
        context = contextFor();
      }
      i = closingIndex(tokens, i) + 1;
      continue;
    }

    if (t.type === 'table_open') {
      if (!context) return fail(line, 'table appears before the first heading');
      tableNotes(tokens, i, context);
      i = closingIndex(tokens, i) + 1;
      continue;
    }

    if (t.type === 'bullet_list_open' || t.type === 'ordered_list_open') {
      if (!context) return fail(line, 'list appears before the first heading');
      const end = closingIndex(tokens, i);
      const items: ListItem[] = [];
      for (let j = i + 1; j < end; j++) {
        const item = tokens[j];
        if (item?.type !== 'list_item_open' || item.level !== t.level + 1) continue;
        // The item's own first paragraph, skipping nested lists.
        const inline = tokens[j + 2];
        if (inline?.type === 'inline' && inline.level === t.level + 3) {
          const text = oneLine(inline.content);
          if (text !== '') items.push({ text });
        }
      }
      const ordered = t.type === 'ordered_list_open';
      const start = ordered ? Number(t.attrGet('start') ?? 1) : 1;
      listNote(items, ordered ? start : null, labelBefore(tokens, i), context, line);
      i = end + 1;
      continue;
    }

    if (t.type === 'paragraph_open' && t.level === 0 && context) {
      // Lines that all read "**Lead**: explanation" form an implicit list.
      const inline = tokens[i + 1];
      const parts = (inline?.content ?? '').split('\n').map((l) => l.trim());
      const isLeadLine = (l: string): boolean => {
        const m = BOLD_LEAD.exec(l);
        return !!m && (m[3] ?? '').replace(/^[\s:.—–-]+/, '').trim() !== '';
      };
      if (parts.length >= 2 && parts.every(isLeadLine)) {
        listNote(
          parts.map((text) => ({ text: text.replace(/\\$/, '').trim() })),
          null,
          labelBefore(tokens, i),
          context,
          line,
        );
      }
      i = closingIndex(tokens, i) + 1;
      continue;
    }

    i++;
  }

  function tableNotes(all: Token[], open: number, ctx: Context): void {
    const end = closingIndex(all, open);
    type Row = { line: number; cells: string[] };
    const rows: Row[] = [];
    let current: Row | null = null;
    for (let j = open + 1; j < end; j++) {
      const tok = all[j];
      if (!tok) continue;
      if (tok.type === 'tr_open') {
        current = { line: (tok.map?.[0] ?? 0) + 1, cells: [] };
        rows.push(current);
      } else if (tok.type === 'inline' && current) current.cells.push(tok.content.trim());
    }
    const [header, ...data] = rows;
    if (!header) return;
    const width = header.cells.length;
    if (width < 2) {
      fail(header.line, `table header has ${width} column; a table needs a label column and at least one more`);
    }
    // markdown-it drops surplus cells silently; count them in the source line to report the row.
    // (Only for top-level tables: inside a list or quote the line carries container markers.)
    if ((all[open]?.level ?? 0) === 0) {
      for (const row of data) {
        const count = countCells(lines[row.line - 1] ?? '');
        if (count > width) fail(row.line, `table row has ${count} cells but the header has ${width}`);
      }
    }

    for (const [r, row] of data.entries()) {
      const label = row.cells[0] ?? '';
      if (label === '') continue;
      for (let c = 1; c < width; c++) {
        const column = header.cells[c] ?? '';
        const value = row.cells[c] ?? '';
        if (column === '' || value === '') continue;
        const question = `${ctx.headingTitle} — ${label}: ${column.replace(/[?:]+$/, '')}?`;
        const idBase = `${ctx.idPrefix}.${slugify(label)}.${slugify(column)}`;
        const common = { section: ctx.section, tags: [ctx.tag] };
        built.push({
          note: { id: claimId(idBase), kind: 'basic', ...common, front: question, back: value },
          line: row.line,
        });

        const seen = new Set<string>([norm(value)]);
        const candidates: string[] = [];
        for (const [o, other] of data.entries()) {
          if (o === r) continue;
          const v = other.cells[c] ?? '';
          if (v === '' || seen.has(norm(v))) continue;
          seen.add(norm(v));
          candidates.push(v);
        }
        if (candidates.length === 0) continue;
        const id = claimId(`${idBase}-mc`);
        const distractors = candidates
          .map((v) => ({ v, key: hash32(`${id}\u0000${norm(v)}`) }))
          .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : norm(a.v) < norm(b.v) ? -1 : 1))
          .slice(0, MAX_DISTRACTORS)
          .map((x) => x.v);
        built.push({
          note: { id, kind: 'choice', ...common, question, answer: value, distractors },
          line: row.line,
        });
      }
    }
  }

  function listNote(items: ListItem[], orderedStart: number | null, label: string | null, ctx: Context, line: number): void {
    const shown = items.slice(0, MAX_CLOZE_ITEMS);
    let n = 0;
    const body = shown.map((item, k) => {
      const marker = orderedStart !== null ? `${orderedStart + k}.` : '-';
      const cloze = clozeItem(item.text, n + 1);
      if (cloze !== null) n++;
      return `${marker} ${cloze ?? item.text}`;
    });
    if (n === 0) return;
    const lead = label !== null ? `${ctx.headingTitle} — ${label}:` : `${ctx.headingTitle}:`;
    const idBase = label !== null ? `${ctx.idPrefix}.${slugify(label)}.list` : `${ctx.idPrefix}.list`;
    const note: Extract<DeckNote, { kind: 'cloze' }> = {
      id: claimId(idBase),
      kind: 'cloze',
      section: ctx.section,
      tags: [ctx.tag],
      text: [lead, ...body].join('\n'),
    };
    if (items.length > shown.length) note.extra = `The list has ${items.length} items; the first ${shown.length} are asked.`;
    built.push({ note, line });
  }

  if (built.length === 0) return fail(1, 'document yields no notes (no table or list under a heading)');

  const deck: DeckFile = {
    format: DECK_FORMAT,
    formatVersion: DECK_FORMAT_VERSION,
    deck: {
      id: deckId,
      title,
      description: `Generated from ${base}`,
      version,
      source: { title: sourceTitle, file: base },
    },
    notes: built.map((b) => b.note),
  };

  const checked = deckFileSchema.safeParse(deck);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const index = typeof issue?.path[1] === 'number' ? issue.path[1] : -1;
    const where = built[index]?.line ?? 1;
    return fail(where, `generated deck is invalid at ${jsonPath(issue?.path ?? [])}: ${issue?.message ?? 'unknown error'}`);
  }
  return deck;
}
