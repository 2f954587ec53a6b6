/**
 * Rendering of Anki card templates ("{{Front}}", "{{#Tags}}…{{/Tags}}", "{{cloze:Text}}", …)
 * into the front and back HTML an imported card shows. Pure string work: no DOM, no I/O.
 *
 * Supported: plain field references, {{FrontSide}}, sections {{#F}}…{{/F}} and inverted sections
 * {{^F}}…{{/F}}, and the filters text, cloze, type and hint (chained filters apply right to
 * left, as in Anki). Unknown filters leave the text unchanged, missing fields render empty, and
 * media tags such as [sound:x.mp3] stay in the text for the app's renderer to handle.
 */

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
}

export interface AnkiRenderResult {
  html: string;
  /** True when at least one note field with content was rendered (a cloze field counts only if it holds the card's deletion). */
  hasFieldContent: boolean;
}

type TemplateNode =
  | { t: 'text'; text: string }
  | { t: 'var'; field: string; filters: string[] }
  | { t: 'section'; field: string; inverted: boolean; children: TemplateNode[] };

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
  const state = { content: false };
  const html = renderNodes(parseTemplate(template), fields, opts, state);
  return { html, hasFieldContent: state.content };
}

/**
 * Anki's rule for whether a card exists: a card whose front, rendered with the note's fields,
 * shows no field content is not generated (and is skipped on import).
 */
export function isTemplateEmpty(template: string, fields: Record<string, string>, opts: Omit<AnkiRenderOptions, 'side'>): boolean {
  return !renderAnkiTemplateDetailed(template, fields, { ...opts, side: 'front' }).hasFieldContent;
}

/** 0-based ordinals of the cloze deletions in a text: {{c1::…}} and {{c3::…}} give [0, 2]. */
export function clozeOrdinalsIn(text: string): number[] {
  const ords = new Set<number>();
  for (const m of text.matchAll(/\{\{c(\d+)::/g)) ords.add(Math.max(1, Number(m[1])) - 1);
  return [...ords].sort((a, b) => a - b);
}

/** Anki's notion of an empty field: nothing but whitespace, <br> and <div> tags. */
export function isFieldEmpty(value: string): boolean {
  return /^(?:\s|\u200b|<\/?(?:br|div)\s*\/?>)*$/i.test(value);
}

/** Remove HTML tags, comments and script/style bodies, and decode common entities. */
export function stripHtml(html: string): string {
  const noBlocks = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(style|script)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '');
  return decodeEntities(noBlocks.replace(/<[^>]*>/g, '')).trim();
}

function decodeEntities(s: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return named[ref.toLowerCase()] ?? whole;
  });
}

// ---------------------------------------------------------------------------------------------
// Template parsing

function parseTemplate(template: string): TemplateNode[] {
  const root: TemplateNode[] = [];
  const stack: Array<{ field: string; inverted: boolean; children: TemplateNode[]; raw: string }> = [];
  const target = (): TemplateNode[] => stack[stack.length - 1]?.children ?? root;
  const tagRe = /\{\{([\s\S]*?)\}\}/g;
  let last = 0;
  for (const m of template.matchAll(tagRe)) {
    const at = m.index;
    if (at > last) target().push({ t: 'text', text: template.slice(last, at) });
    last = at + m[0].length;
    const inner = (m[1] ?? '').trim();
    const head = inner[0];
    if (head === '#' || head === '^') {
      stack.push({ field: inner.slice(1).trim(), inverted: head === '^', children: [], raw: m[0] });
    } else if (head === '/') {
      const name = inner.slice(1).trim();
      const open = stack[stack.length - 1];
      if (open && open.field === name) {
        stack.pop();
        target().push({ t: 'section', field: open.field, inverted: open.inverted, children: open.children });
      } else {
        // A stray or mismatched closing tag: show it as text rather than guess.
        target().push({ t: 'text', text: m[0] });
      }
    } else if (inner === '') {
      target().push({ t: 'text', text: m[0] });
    } else {
      const parts = inner.split(':');
      const field = (parts.pop() ?? '').trim();
      target().push({ t: 'var', field, filters: parts.map((f) => f.trim()) });
    }
  }
  if (last < template.length) target().push({ t: 'text', text: template.slice(last) });
  // Unclosed sections close at the end of the template.
  while (stack.length > 0) {
    const open = stack.pop();
    if (!open) break;
    target().push({ t: 'section', field: open.field, inverted: open.inverted, children: open.children });
  }
  return root;
}

// ---------------------------------------------------------------------------------------------
// Rendering

function lookup(name: string, fields: Record<string, string>, opts: AnkiRenderOptions): { value: string; isField: boolean } {
  if (Object.prototype.hasOwnProperty.call(fields, name)) return { value: fields[name] ?? '', isField: true };
  if (name === 'FrontSide') return { value: opts.side === 'back' ? (opts.frontSide ?? '') : '', isField: false };
  const special = opts.special;
  if (special && Object.prototype.hasOwnProperty.call(special, name)) return { value: special[name] ?? '', isField: false };
  return { value: '', isField: false };
}

function renderNodes(
  nodes: TemplateNode[],
  fields: Record<string, string>,
  opts: AnkiRenderOptions,
  state: { content: boolean },
): string {
  let out = '';
  for (const node of nodes) {
    if (node.t === 'text') {
      out += node.text;
    } else if (node.t === 'section') {
      const { value } = lookup(node.field, fields, opts);
      const present = !isFieldEmpty(value);
      if (present !== node.inverted) out += renderNodes(node.children, fields, opts, state);
    } else {
      out += renderVar(node.field, node.filters, fields, opts, state);
    }
  }
  return out;
}

function renderVar(
  field: string,
  filters: string[],
  fields: Record<string, string>,
  opts: AnkiRenderOptions,
  state: { content: boolean },
): string {
  const { value: raw, isField } = lookup(field, fields, opts);
  // Anki 2.0's early "{{cloze:2:Text}}" names the deletion in the template itself.
  let clozeOrd = opts.ord;
  const named: string[] = [];
  for (let i = 0; i < filters.length; i++) {
    const f = filters[i] ?? '';
    if (/^\d+$/.test(f) && filters[i - 1] === 'cloze') clozeOrd = Math.max(1, Number(f)) - 1;
    else named.push(f);
  }
  const isCloze = named.includes('cloze');
  if (isField) {
    if (isCloze ? clozeOrdinalsIn(raw).includes(clozeOrd) : !isFieldEmpty(raw)) state.content = true;
  }
  let value = raw;
  for (let i = named.length - 1; i >= 0; i--) {
    const filter = named[i] ?? '';
    switch (filter) {
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
        value = isFieldEmpty(value) ? '' : `<details class="hint"><summary>${escapeHtml(field)}</summary>${value}</details>`;
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

/** Parse {{cN::answer::hint}} deletions, allowing nesting; an unclosed opener stays literal text. */
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
  for (const m of text.matchAll(tokenRe)) {
    pushText(text.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[1] !== undefined) {
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
