/**
 * The parsed form of a browser search (Anki's search syntax). Patterns keep wildcards apart from
 * literal text: `*` matches any run of characters, `_` exactly one; a backslash makes either literal.
 */

/** A piece of a pattern: literal text, `*` (any run) or `_` (one character). */
export type PatternPart = { text: string } | { any: true } | { one: true };
export type Pattern = PatternPart[];

export const IS_VALUES = ['new', 'learn', 'review', 'due', 'suspended', 'buried'] as const;
export type IsValue = (typeof IS_VALUES)[number];

/** prop: names, as in Anki: interval, due (days from today), reviews, lapses, stability, difficulty (0..1), retrievability (0..1). */
export const PROP_NAMES = ['ivl', 'due', 'reps', 'lapses', 's', 'd', 'r'] as const;
export type PropName = (typeof PROP_NAMES)[number];

export const COMPARISONS = ['=', '!=', '<', '<=', '>', '>='] as const;
export type Comparison = (typeof COMPARISONS)[number];

/** Note kinds a `kind:` search names (the note's kind in the collection). */
export const KIND_NAMES = ['basic', 'cloze', 'choice', 'truefalse', 'typed', 'prompt', 'rendered'] as const;
export type KindName = (typeof KIND_NAMES)[number];

export type SearchNode =
  | { type: 'all' }
  | { type: 'and'; children: SearchNode[] }
  | { type: 'or'; children: SearchNode[] }
  | { type: 'not'; child: SearchNode }
  /** Free text: matches a note's content anywhere, case-insensitively. */
  | { type: 'text'; pattern: Pattern }
  /** The deck whose full name ("AWS::EC2") matches, and its subdecks. */
  | { type: 'deck'; pattern: Pattern }
  /** A tag matching the pattern, or a child of one ("aws" matches "aws::ec2"); null: notes with no tags. */
  | { type: 'tag'; pattern: Pattern | null }
  | { type: 'is'; value: IsValue }
  | { type: 'flag'; flag: number }
  | { type: 'prop'; prop: PropName; op: Comparison; value: number }
  /** Answered in the last `days` study days (1: today), with `rating` when given. */
  | { type: 'rated'; days: number; rating: number | null }
  /** Added in the last `days` study days (1: today). */
  | { type: 'added'; days: number }
  | { type: 'kind'; kind: KindName };

/** Where a search went wrong: a message and the 1-based column and length of the offending text. */
export interface SearchProblem {
  message: string;
  column: number;
  length: number;
}

export type ParseResult = { ok: true; node: SearchNode } | { ok: false; problem: SearchProblem };
