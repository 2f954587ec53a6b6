/**
 * The JSON a legacy collection keeps in `col.models`, `col.decks` and `col.dconf`: note types
 * (given templates, or Anki's default Basic / Cloze ones, with the legacy `req` list), decks and
 * the default deck options.
 */
import { CARD_CSS, CLOZE_CSS, DEFAULT_CONF_ID, DEFAULT_DECK_ID, DEFAULT_FACTOR, LATEX_POST, LATEX_PRE } from './anki-schema-11';

// Note types (models)

export interface Template {
  name: string;
  qfmt: string;
  afmt: string;
}

export interface ModelGroup {
  key: string;
  name: string;
  cloze: boolean;
  fieldNames: string[];
  givenTemplates: Template[] | null;
  maxOrd: number;
  firstDeckPath: string;
  id: number;
}

function defaultStandardTemplate(fieldNames: string[], ord: number): Template {
  const n = fieldNames.length;
  const front = fieldNames[ord % n] ?? '';
  const rest = fieldNames.filter((_, i) => i !== ord % n);
  const answer = rest.map((f) => `{{${f}}}`).join('<br>\n');
  return {
    name: `Card ${ord + 1}`,
    qfmt: `{{${front}}}`,
    afmt: answer ? `{{FrontSide}}\n\n<hr id=answer>\n\n${answer}` : '{{FrontSide}}',
  };
}

function defaultClozeTemplate(fieldNames: string[]): Template {
  const [text = 'Text', ...rest] = fieldNames;
  const extra = rest.map((f) => `<br>\n{{${f}}}`).join('');
  return { name: 'Cloze', qfmt: `{{cloze:${text}}}`, afmt: `{{cloze:${text}}}${extra}` };
}

/** Field ords a question template refers to, for the legacy `req` list. */
function referencedFields(qfmt: string, fieldNames: string[]): number[] {
  const ords = new Set<number>();
  for (const m of qfmt.matchAll(/\{\{([^{}]+)\}\}/g)) {
    const inner = (m[1] ?? '').trim().replace(/^[#^/]/, '');
    const name = inner.slice(inner.lastIndexOf(':') + 1).trim();
    const ord = fieldNames.indexOf(name);
    if (ord >= 0) ords.add(ord);
  }
  return [...ords].sort((a, b) => a - b);
}

function modelTemplates(group: ModelGroup): Template[] {
  if (group.cloze) {
    const first = group.givenTemplates?.[0];
    return [first ?? defaultClozeTemplate(group.fieldNames)];
  }
  if (group.givenTemplates) {
    if (group.maxOrd >= group.givenTemplates.length) {
      throw new Error(
        `note type "${group.name}" has ${group.givenTemplates.length} template(s) but a card with ord ${group.maxOrd}`,
      );
    }
    return group.givenTemplates;
  }
  const out: Template[] = [];
  for (let ord = 0; ord <= Math.max(0, group.maxOrd); ord++) out.push(defaultStandardTemplate(group.fieldNames, ord));
  return out;
}

export function modelJson(group: ModelGroup, deckId: number, modSecs: number): Record<string, unknown> {
  const templates = modelTemplates(group);
  const req = group.cloze
    ? []
    : templates.map((t, ord) => {
        const fields = referencedFields(t.qfmt, group.fieldNames);
        return fields.length > 0 ? [ord, 'any', fields] : [ord, 'none', []];
      });
  return {
    id: group.id,
    name: group.name,
    type: group.cloze ? 1 : 0,
    mod: modSecs,
    usn: -1,
    sortf: 0,
    did: deckId,
    tmpls: templates.map((t, ord) => ({
      name: t.name,
      ord,
      qfmt: t.qfmt,
      afmt: t.afmt,
      bqfmt: '',
      bafmt: '',
      did: null,
      bfont: '',
      bsize: 0,
    })),
    flds: group.fieldNames.map((name, ord) => ({
      name,
      ord,
      sticky: false,
      rtl: false,
      font: 'Arial',
      size: 20,
      media: [],
    })),
    css: group.cloze ? CLOZE_CSS : CARD_CSS,
    latexPre: LATEX_PRE,
    latexPost: LATEX_POST,
    latexsvg: false,
    req,
    tags: [],
    vers: [],
  };
}

// Decks and configuration

export function deckJson(id: number, name: string, modSecs: number): Record<string, unknown> {
  return {
    id,
    name,
    mod: modSecs,
    usn: id === DEFAULT_DECK_ID ? 0 : -1,
    lrnToday: [0, 0],
    revToday: [0, 0],
    newToday: [0, 0],
    timeToday: [0, 0],
    collapsed: false,
    browserCollapsed: false,
    desc: '',
    dyn: 0,
    conf: DEFAULT_CONF_ID,
    extendNew: 0,
    extendRev: 0,
  };
}

export function defaultDeckConfig(modSecs: number): Record<string, unknown> {
  return {
    id: DEFAULT_CONF_ID,
    name: 'Default',
    mod: modSecs,
    usn: 0,
    maxTaken: 60,
    autoplay: true,
    timer: 0,
    replayq: true,
    dyn: false,
    new: { bury: false, delays: [1, 10], initialFactor: DEFAULT_FACTOR, ints: [1, 4, 0], order: 1, perDay: 20 },
    rev: { bury: false, ease4: 1.3, ivlFct: 1, maxIvl: 36500, perDay: 200, hardFactor: 1.2 },
    lapse: { delays: [10], leechAction: 1, leechFails: 8, minInt: 1, mult: 0 },
  };
}
