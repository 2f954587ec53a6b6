/**
 * Multiple-choice questions from every card of the built-in decks, in both directions, under 100
 * seeds: a card is asked as multiple choice only forwards; the stem asks a question or gives an
 * instruction; no option is a question; no distractor is the answer, part of it, or the same
 * amount; the distractors are of the answer's kind.
 */
import { describe, expect, it } from 'vitest';
import { answerKind, kindsClash } from '../../src/main/core/quiz/answer-kind';
import { normalizeAnswer } from '../../src/main/core/quiz/answer-match';
import { matchTyped } from '../../src/main/core/quiz/match-typed';
import { buildQuestion, type QuizCandidate } from '../../src/main/core/quiz/question';
import { createRng, hashSeed } from '../../src/main/core/quiz/rng';
import { cardOrdinals } from '../../src/shared/deck-format';
import { contentOf } from '../../src/shared/note-content';
import { builtinDecks } from '../support/builtin-decks';

const SEEDS = 100;
const candidates: QuizCandidate[] = [];
const noteIdOf = new Map<number, string>();
builtinDecks().forEach((deck, deckIndex) => {
  for (const note of deck.notes) {
    const noteId = noteIdOf.size + 1;
    noteIdOf.set(noteId, note.id);
    for (const ord of cardOrdinals(note)) {
      candidates.push({ cardId: candidates.length + 1, noteId, ord, tags: note.tags, deckId: deckIndex + 1, content: contentOf(note) });
    }
  }
});

const asks = (s: string): boolean => /\?(\s|$)/.test(s.trim());
const isQuestion = (s: string): boolean => /\?(\s|$)/.test(s.trim());
const INSTRUCTION = /^(Choose|Name|Give|List|Pick|Select|Complete|Identify|State|Explain|Describe|Match|Recommend|Estimate)\b/;
const words = (s: string): string => ` ${normalizeAnswer(s)} `;

describe('multiple-choice questions from the built-in decks', () => {
  it('are sound for every card in both directions under 100 seeds', () => {
    let built = 0;
    let reversedAsked = 0;
    const problems: string[] = [];
    const notesAsked = new Set<number>();
    for (const c of candidates) {
      for (let seed = 0; seed < SEEDS; seed++) {
        const q = buildQuestion(c, candidates, createRng(hashSeed('choice-test', seed, c.cardId)), { kinds: ['choice'] });
        if (!q) continue;
        const id = `${noteIdOf.get(c.noteId)}#${c.ord} seed ${seed}`;
        expect(q.question.kind).toBe('choice');
        built++;
        notesAsked.add(c.noteId);
        if (c.content.kind === 'basic' && c.ord !== 0) reversedAsked++;
        const stem = q.question.prompt;
        if (!asks(stem) && !INSTRUCTION.test(stem) && !/:\s*$/.test(stem)) problems.push(`${id}: stem is a statement: ${stem}`);
        const choices = q.question.choices ?? [];
        const answer = choices[q.key.correctChoice ?? -1] ?? '';
        expect(answer, id).toBe(q.key.answerText);
        const accepted = c.content.kind === 'typed' ? c.content.answers : [answer];
        for (const [i, option] of choices.entries()) {
          if (isQuestion(option)) problems.push(`${id}: option is a question: ${option}`);
          if (i === q.key.correctChoice) continue;
          if (normalizeAnswer(option) === normalizeAnswer(answer)) problems.push(`${id}: distractor equals the answer: ${option}`);
          else if (matchTyped(option, { answers: [...accepted] }).correct) problems.push(`${id}: distractor means the answer: ${option}`);
          else if (words(option).includes(words(answer)) || words(answer).includes(words(option)))
            problems.push(`${id}: distractor contains the answer or is part of it: ${option} / ${answer}`);
          if (kindsClash(answerKind(answer), answerKind(option)))
            problems.push(`${id}: distractor of another kind (${answerKind(option)} for ${answerKind(answer)}): ${option} / ${answer}`);
        }
        expect(new Set(choices.map(normalizeAnswer)).size, id).toBe(choices.length);
      }
    }
    const choiceCapable = new Set(candidates.filter((c) => ['basic', 'choice', 'typed'].includes(c.content.kind)).map((c) => c.noteId));
    console.log(
      `${built} multiple-choice questions from ${candidates.length} cards x ${SEEDS} seeds; ` +
        `${notesAsked.size} of ${choiceCapable.size} basic/choice/typed notes can be asked as multiple choice`,
    );
    const distinct = [...new Set(problems.map((p) => p.replace(/ seed \d+/, '')))];
    expect(distinct.slice(0, 40)).toEqual([]);
    expect(reversedAsked).toBe(0);
    expect(built).toBeGreaterThan(0);
  }, 120_000);
});
