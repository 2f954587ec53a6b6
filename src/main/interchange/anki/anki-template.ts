/**
 * Rendering of Anki card templates ("{{Front}}", "{{#Tags}}…{{/Tags}}", "{{cloze:Text}}", …)
 * into the front and back HTML an imported card shows. Pure string work: no DOM, no I/O.
 *
 * Supported: plain field references, {{FrontSide}}, sections {{#F}}…{{/F}} and inverted sections
 * {{^F}}…{{/F}}, and the filters text, cloze, type and hint (chained filters apply right to
 * left, as in Anki). Unknown filters leave the text unchanged, missing fields render empty, and
 * media tags such as [sound:x.mp3] stay in the text for the app's renderer to handle.
 */

import { stripTags } from '../../../shared/html-text';
import { isPlainHtml } from '../formats/plain-html';
import { MAX_CARD_SIDE_CHARS, MAX_TEMPLATE_DEPTH } from '../formats/limits';

/** A template Retain refuses to compile (the reader names the note type and template). */
export class AnkiTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnkiTemplateError';
  }
}

export interface AnkiRenderOptions {
  /** Card ordinal (0-based). For cloze note types this selects deletion c{ord+1}. */
  ord: number;
  side: 'front' | 'back';
  /** The rendered front, substituted for {{FrontSide}} on the back. */
  frontSide?: string;
  /** Whether the note type is a cloze type. */
  cloze: boolean;
  /**
   * Values for Anki's built-in names ({{Tags}}, {{Deck}}, {{Subdeck}}, {{Type}}, {{Card}}).
   * Note fields of the same name win. They never count as field content for `isTemplateEmpty`.
   */
  special?: Record<string, string>;
  /**
   * Whether each field value (in the compiled field order) is plain HTML (formats/plain-html.ts),
   * as the caller found it; given, the result says whether the rendered side is plain too.
   */
  plainValues?: readonly boolean[];
  /** Whether `frontSide` is plain HTML (the front's `plain`). */
  frontSidePlain?: boolean;
}

export interface AnkiRenderResult {
  html: string;
  /** True when at least one note field with content was rendered (a cloze field counts only if it holds the card's deletion). */
  hasFieldContent: boolean;
  /**
   * True when the side is known to be plain HTML without looking at it: `plainValues` was given
   * and the side is only template text that is plain and unfiltered fields (or the front) that
   * are, and plain joined to plain is plain (formats/plain-html.ts). False means not known.
   */
  plain: boolean;
}

/**
 * A card template parsed once and tied to one note type's field names, for rendering many notes:
 * `render` takes the note's field values in that order.
 */
export interface CompiledAnkiTemplate {
  render(values: readonly string[], opts: AnkiRenderOptions): AnkiRenderResult;
  /** Whether the template uses a built-in name ({{Tags}}, {{Deck}}, …): without one, `special` is never read. */
  readonly usesSpecial: boolean;
}

/** A parsed template; `field` is the index of the named field in the bound field list, or -1. */
type TemplateNode =
  | { t: 'text'; text: string; plain: boolean }
  | { t: 'var'; name: string; field: number; filters: readonly string[]; cloze: boolean; clozeOrd: number | undefined }
  | { t: 'section'; name: string; field: number; inverted: boolean; children: TemplateNode[] };

/** Compile a template for a note type whose fields are `fieldNames` (a repeated name refers to its first field). */
export function compileAnkiTemplate(template: string, fieldNames: readonly string[]): CompiledAnkiTemplate {
  const index = new Map<string, number>();
  fieldNames.forEach((name, i) => {
    if (!index.has(name)) index.set(name, i);
  });
  const special = { used: false };
  const nodes = bindNodes(parseTemplate(template), index, special);
  return {
    usesSpecial: special.used,
    render(values, opts) {
      const result: AnkiRenderResult = { html: '', hasFieldContent: false, plain: opts.plainValues !== undefined };
      result.html = renderNodes(nodes, values, opts, result);
      return result;
    },
  };
}

/** Render one side of a card. */
export function renderAnkiTemplate(template: string, fields: Record<string, string>, opts: AnkiRenderOptions): string {
  return renderAnkiTemplateDetailed(template, fields, opts).html;
}

/** Render one side of a card and report whether any note field contributed content. */
export function renderAnkiTemplateDetailed(
  template: string,
  fields: Record<string, string>,
  opts: AnkiRenderOptions,
): AnkiRenderResult {
  return compileAnkiTemplate(template, Object.keys(fields)).render(Object.values(fields), opts);
}

/**
 * Anki's rule for whether a card exists: a card whose front, rendered with the note's fields,
 * shows no field content is not generated (and is skipped on import).
 */
export function isTemplateEmpty(template: string, fields: Record<string, string>, opts: Omit<AnkiRenderOptions, 'side'>): boolean {
  return !renderAnkiTemplateDetailed(template, fields, { ...opts, side: 'front' }).hasFieldContent;
}

const CLOZE_OPENER = /\{\{c(\d+)::/g;

/** 0-based ordinals of the cloze deletions in a text: {{c1::…}} and {{c3::…}} give [0, 2]. */
export function clozeOrdinalsIn(text: string): number[] {
  const ords = new Set<number>();
  for (const m of text.matchAll(CLOZE_OPENER)) ords.add(Math.max(1, Number(m[1])) - 1);
  return [...ords].sort((a, b) => a - b);
}

const EMPTY_FIELD = /^(?:\s|\u200b|<\/?(?:br|div)\s*\/?>)*$/i;

/** Anki's notion of an empty field: nothing but whitespace, <br> and <div> tags. */
export function isFieldEmpty(value: string): boolean {
  return EMPTY_FIELD.test(value);
}

/** Remove HTML tags, comments and script/style bodies, decode common entities, and trim. */
export function stripHtml(html: string): string {
  return stripTags(html).trim();
}

// ---------------------------------------------------------------------------------------------
// Template parsing

/** The parsed nodes with each name resolved to its field index. */
function bindNodes(nodes: readonly TemplateNode[], index: ReadonlyMap<string, number>, special: { used: boolean }): TemplateNode[] {
  return nodes.map((node) => {
    if (node.t === 'text') return node;
    const field = index.get(node.name) ?? -1;
    if (field < 0 && node.name !== 'FrontSide') special.used = true;
    return node.t === 'var' ? { ...node, field } : { ...node, field, children: bindNodes(node.children, index, special) };
  });
}

const TAG_RE = /\{\{([\s\S]*?)\}\}/g;

/** Template text, judged once whether it is plain HTML. */
function textNode(text: string): TemplateNode {
  return { t: 'text', text, plain: isPlainHtml(text) };
}
const DIGITS = /^\d+$/;

function parseTemplate(template: string): TemplateNode[] {
  const root: TemplateNode[] = [];
  const stack: Array<{ name: string; inverted: boolean; children: TemplateNode[] }> = [];
  const target = (): TemplateNode[] => stack[stack.length - 1]?.children ?? root;
  let last = 0;
  for (const m of template.matchAll(TAG_RE)) {
    const at = m.index;
    if (at > last) target().push(textNode(template.slice(last, at)));
    last = at + m[0].length;
    const inner = (m[1] ?? '').trim();
    const head = inner[0];
    if (head === '#' || head === '^') {
      if (stack.length >= MAX_TEMPLATE_DEPTH) {
        throw new AnkiTemplateError(`sections are nested more than ${MAX_TEMPLATE_DEPTH} deep (at "{{${inner.slice(0, 40)}}}")`);
      }
      stack.push({ name: inner.slice(1).trim(), inverted: head === '^', children: [] });
    } else if (head === '/') {
      const name = inner.slice(1).trim();
      const open = stack[stack.length - 1];
      if (open && open.name === name) {
        stack.pop();
        target().push({ t: 'section', name: open.name, field: -1, inverted: open.inverted, children: open.children });
      } else {
        // A stray or mismatched closing tag: show it as text rather than guess.
        target().push(textNode(m[0]));
      }
    } else if (inner === '') {
      target().push(textNode(m[0]));
    } else {
      target().push(parseVar(inner));
    }
  }
  if (last < template.length) target().push(textNode(template.slice(last)));
  // Unclosed sections close at the end of the template.
  while (stack.length > 0) {
    const open = stack.pop();
    if (!open) break;
    target().push({ t: 'section', name: open.name, field: -1, inverted: open.inverted, children: open.children });
  }
  return root;
}

/** "filter:filter:Field" → the field name and its filters (applied right to left when rendering). */
function parseVar(inner: string): TemplateNode {
  const parts = inner.split(':').map((p) => p.trim());
  const name = parts.pop() ?? '';
  // Anki 2.0's early "{{cloze:2:Text}}" names the deletion in the template itself.
  let clozeOrd: number | undefined;
  const filters: string[] = [];
  parts.forEach((f, i) => {
    if (DIGITS.test(f) && parts[i - 1] === 'cloze') clozeOrd = Math.max(1, Number(f)) - 1;
    else filters.push(f);
  });
  return { t: 'var', name, field: -1, filters, cloze: filters.includes('cloze'), clozeOrd };
}

// ---------------------------------------------------------------------------------------------
// Rendering

function valueOf(node: { name: string; field: number }, values: readonly string[], opts: AnkiRenderOptions): string {
  if (node.field >= 0) return values[node.field] ?? '';
  if (node.name === 'FrontSide') return opts.side === 'back' ? (opts.frontSide ?? '') : '';
  const special = opts.special;
  return special !== undefined && Object.prototype.hasOwnProperty.call(special, node.name) ? (special[node.name] ?? '') : '';
}

/** Whether a variable renders text known to be plain HTML: an unfiltered plain field, or the front when it is plain. */
function isPlainPart(node: Extract<TemplateNode, { t: 'var' }>, opts: AnkiRenderOptions): boolean {
  if (node.filters.length > 0) return false;
  if (node.field >= 0) return opts.plainValues?.[node.field] === true;
  if (node.name === 'FrontSide') return opts.side !== 'back' || opts.frontSidePlain === true;
  return false;
}

function renderNodes(nodes: readonly TemplateNode[], values: readonly string[], opts: AnkiRenderOptions, state: AnkiRenderResult): string {
  let out = '';
  for (const node of nodes) {
    if (node.t === 'text') {
      out += node.text;
      if (!node.plain) state.plain = false;
    } else if (node.t === 'var') out += renderVar(node, values, opts, state);
    else if (isFieldEmpty(valueOf(node, values, opts)) === node.inverted) out += renderNodes(node.children, values, opts, state);
    if (out.length > MAX_CARD_SIDE_CHARS) {
      throw new AnkiTemplateError(`a card side would be longer than ${MAX_CARD_SIDE_CHARS / (1024 * 1024)} Mi characters (the template repeats large fields)`);
    }
  }
  return out;
}

function renderVar(
  node: Extract<TemplateNode, { t: 'var' }>,
  values: readonly string[],
  opts: AnkiRenderOptions,
  state: AnkiRenderResult,
): string {
  const raw = valueOf(node, values, opts);
  const clozeOrd = node.clozeOrd ?? opts.ord;
  if (node.field >= 0 && !state.hasFieldContent) {
    if (node.cloze ? clozeOrdinalsIn(raw).includes(clozeOrd) : !isFieldEmpty(raw)) state.hasFieldContent = true;
  }
  const filters = node.filters;
  if (state.plain && !isPlainPart(node, opts)) state.plain = false;
  let value = raw;
  for (let i = filters.length - 1; i >= 0; i--) {
    switch (filters[i]) {
      case 'text':
        value = stripHtml(value);
        break;
      case 'cloze':
        value = renderCloze(value, clozeOrd, opts.side);
        break;
      case 'type':
        // No answer box here: the front drops it, the back shows the expected answer.
        value = opts.side === 'back' ? value : '';
        break;
      case 'hint':
        value = isFieldEmpty(value) ? '' : `<details class="hint"><summary>${escapeHtml(node.name)}</summary>${value}</details>`;
        break;
      default:
        break; // unknown filters (tts, furigana, …) pass the text through
    }
  }
  return value;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// ---------------------------------------------------------------------------------------------
// Cloze deletions

type ClozeNode = { t: 'text'; text: string } | { t: 'cloze'; n: number; children: ClozeNode[]; hint?: string };

/**
 * Parse {{cN::answer::hint}} deletions, allowing nesting up to MAX_TEMPLATE_DEPTH (deeper
 * openers and their closers stay literal text); an unclosed opener stays literal text.
 */
function parseCloze(text: string): ClozeNode[] {
  const root: ClozeNode[] = [];
  const stack: Array<{ n: number; opener: string; children: ClozeNode[] }> = [];
  const target = (): ClozeNode[] => stack[stack.length - 1]?.children ?? root;
  const pushText = (s: string): void => {
    if (s === '') return;
    const list = target();
    const prev = list[list.length - 1];
    if (prev && prev.t === 'text') prev.text += s;
    else list.push({ t: 'text', text: s });
  };
  const tokenRe = /\{\{c(\d+)::|\}\}/g;
  let last = 0;
  /** Openers past the depth limit, kept as text: their closers are text too. */
  let tooDeep = 0;
  for (const m of text.matchAll(tokenRe)) {
    pushText(text.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[1] !== undefined && stack.length >= MAX_TEMPLATE_DEPTH) {
      tooDeep++;
      pushText(m[0]);
    } else if (m[1] === undefined && tooDeep > 0) {
      tooDeep--;
      pushText(m[0]);
    } else if (m[1] !== undefined) {
      stack.push({ n: Math.max(1, Number(m[1])), opener: m[0], children: [] });
    } else {
      const open = stack.pop();
      if (!open) {
        pushText(m[0]);
        continue;
      }
      // The hint is whatever follows "::" in the deletion's trailing text.
      let hint: string | undefined;
      const tail = open.children[open.children.length - 1];
      if (tail && tail.t === 'text') {
        const cut = tail.text.indexOf('::');
        if (cut >= 0) {
          hint = tail.text.slice(cut + 2);
          tail.text = tail.text.slice(0, cut);
        }
      }
      const node: ClozeNode = { t: 'cloze', n: open.n, children: open.children };
      if (hint !== undefined) node.hint = hint;
      target().push(node);
    }
  }
  pushText(text.slice(last));
  // Unclosed openers become literal text again, innermost first.
  while (stack.length > 0) {
    const open = stack.pop();
    if (!open) break;
    const list = target();
    list.push({ t: 'text', text: open.opener }, ...open.children);
  }
  return root;
}

function renderClozeNodes(nodes: ClozeNode[], active: number, side: 'front' | 'back'): string {
  let out = '';
  for (const node of nodes) {
    if (node.t === 'text') {
      out += node.text;
    } else if (node.n - 1 === active) {
      out +=
        side === 'front'
          ? `<span class="cloze">[${node.hint !== undefined && node.hint.trim() !== '' ? node.hint : '...'}]</span>`
          : `<span class="cloze">${renderClozeNodes(node.children, active, side)}</span>`;
    } else {
      out += renderClozeNodes(node.children, active, side);
    }
  }
  return out;
}

/** Render a cloze field for one card: the active deletion hidden on the front, highlighted on the back. */
export function renderCloze(text: string, ord: number, side: 'front' | 'back'): string {
  return renderClozeNodes(parseCloze(text), ord, side);
}
