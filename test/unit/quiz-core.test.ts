import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createRng, hashSeed, pick, shuffle } from '../../src/main/core/quiz/rng';
import { buildQuestion, scoreAnswer } from '../../src/main/core/quiz/question';
import type { QuizCandidate, QuizKey, QuizQuestionKind } from '../../src/main/core/quiz/question';
import { buildQuiz } from '../../src/main/core/quiz/build-quiz';
import { summarizeAttempt } from '../../src/main/core/quiz/summary';
import { normalizeAnswer } from '../../src/main/core/quiz/answer-match';
import type { NoteContent } from '../../src/shared/note-content';

const ALL: QuizQuestionKind[] = ['choice', 'truefalse', 'typed', 'prompt'];

let nextId = 1;
function card(content: NoteContent, tags: string[] = ['limits'], extra: Partial<QuizCandidate> = {}): QuizCandidate {
  const id = nextId++;
  return { cardId: id, noteId: id, ord: 0, deckId: 1, tags, content, ...extra };
}
const basic = (front: string, back: string, tags?: string[]): QuizCandidate => card({ kind: 'basic', front, back }, tags);

describe('rng', () => {
  it('is deterministic per seed and stays in [0, 1)', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBeGreaterThan(990);
  });

  it('shuffles into a new permutation without touching the input', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const copy = items.slice();
    const out = shuffle(items, createRng(1));
    expect(items).toEqual(copy);
    expect(out).not.toEqual(items);
    expect(out.slice().sort((x, y) => x - y)).toEqual(items);
    expect(shuffle(items, createRng(1))).toEqual(out);
  });

  it('picks n distinct items', () => {
    const items = ['a', 'b', 'c', 'd', 'e', 'f'];
    const three = pick(items, 3, createRng(5));
    expect(three).toHaveLength(3);
    expect(new Set(three).size).toBe(3);
    expect(three.every((x) => items.includes(x))).toBe(true);
    expect(pick(items, 10, createRng(5)).slice().sort()).toEqual(items);
    expect(pick(items, 0, createRng(5))).toEqual([]);
  });

  it('hashes parts deterministically', () => {
    expect(hashSeed('quiz', 7)).toBe(hashSeed('quiz', 7));
    expect(hashSeed('quiz', 7)).not.toBe(hashSeed('quiz', 8));
    expect(hashSeed('ab', 'c')).not.toBe(hashSeed('a', 'bc'));
    expect(hashSeed(1)).not.toBe(hashSeed('1'));
    expect(Number.isInteger(hashSeed('x'))).toBe(true);
    expect(hashSeed('x')).toBeGreaterThanOrEqual(0);
    expect(hashSeed('x')).toBeLessThan(2 ** 32);
  });
});

describe('buildQuestion', () => {
  it('choice note: the answer plus three of its distractors, shuffled', () => {
    const c = card({
      kind: 'choice',
      question: 'Longest a single invocation may run?',
      answer: '15 minutes',
      distractors: ['5 minutes', '30 minutes', '1 hour', '24 hours', '60 seconds'],
      explanation: 'hard limit',
    });
    const seenPositions = new Set<number>();
    for (let seed = 0; seed < 40; seed++) {
      const built = buildQuestion(c, [], createRng(seed), { kinds: ALL });
      expect(built?.question.kind).toBe('choice');
      const choices = built?.question.choices ?? [];
      expect(choices).toHaveLength(4);
      expect(new Set(choices).size).toBe(4);
      expect(choices[built?.key.correctChoice ?? -1]).toBe('15 minutes');
      expect(choices.filter((x) => x === '15 minutes')).toHaveLength(1);
      expect(built?.key.answerText).toBe('15 minutes');
      expect(built?.key.explanation).toBe('hard limit');
      seenPositions.add(built?.key.correctChoice ?? -1);
    }
    expect(seenPositions.size).toBe(4);
    expect(buildQuestion(c, [], createRng(1), { kinds: ['typed'] })).toBeNull();
  });

  it('choice note with few distractors shows them all', () => {
    const c = card({ kind: 'choice', question: 'Q?', answer: 'Yes', distractors: ['No'] });
    const built = buildQuestion(c, [], createRng(3), { kinds: ['choice'] });
    expect(built?.question.choices?.slice().sort()).toEqual(['No', 'Yes']);
  });

  it('true/false note', () => {
    const t = card({ kind: 'truefalse', statement: 'Functions keep state between invocations.', answer: false });
    const built = buildQuestion(t, [], createRng(1), { kinds: ALL });
    expect(built?.question).toEqual({ kind: 'truefalse', prompt: 'Functions keep state between invocations.', choices: ['True', 'False'] });
    expect(built?.key.correctChoice).toBe(1);
    expect(built?.key.answerText).toBe('False');
    expect(buildQuestion(t, [], createRng(1), { kinds: ['choice', 'typed'] })).toBeNull();
  });

  it('typed note: typed question, or multiple choice from sibling answers when typed is not allowed', () => {
    const t = card(
      { kind: 'typed', question: 'Maximum memory?', answers: ['10 GB'], numeric: { value: 10, unit: 'GB', tolerance: 0 } },
      ['limits'],
    );
    const typed = buildQuestion(t, [], createRng(1), { kinds: ALL });
    expect(typed?.question).toEqual({ kind: 'typed', prompt: 'Maximum memory?' });
    expect(typed?.key).toMatchObject({ kind: 'typed', answers: ['10 GB'], numeric: { value: 10, unit: 'GB', tolerance: 0 }, answerText: '10 GB' });

    const siblings = [
      card({ kind: 'typed', question: 'Maximum vCPUs?', answers: ['6'] }, ['limits']),
      card({ kind: 'typed', question: 'Max payload?', answers: ['6 MB'] }, ['limits']),
      basic('Ephemeral storage upper bound', '10 GB', ['limits']), // same answer: never a distractor
      basic('Default ephemeral storage', '512 MB', ['limits']),
      basic('Cold start range', '100ms-10s', ['cold-starts']), // unrelated tag
      basic('Memory in MB', '10240 MB', ['limits']), // same quantity: never a distractor
    ];
    for (let seed = 0; seed < 20; seed++) {
      const asChoice = buildQuestion(t, siblings, createRng(seed), { kinds: ['choice'] });
      expect(asChoice?.question.kind).toBe('choice');
      const choices = asChoice?.question.choices ?? [];
      expect(choices[asChoice?.key.correctChoice ?? -1]).toBe('10 GB');
      const distractors = choices.filter((_, i) => i !== asChoice?.key.correctChoice);
      expect(distractors.length).toBeGreaterThanOrEqual(2);
      for (const d of distractors) expect(['6', '6 MB', '512 MB']).toContain(d);
    }
    expect(buildQuestion(t, siblings.slice(0, 1), createRng(1), { kinds: ['choice'] })).toBeNull();
  });

  it('prompt note keeps the rubric', () => {
    const p = card({ kind: 'prompt', question: 'Design a thumbnail pipeline.', modelAnswer: 'S3 event → function → S3.', rubric: ['trigger', 'idempotency', 'limits'] });
    const built = buildQuestion(p, [], createRng(1), { kinds: ALL });
    expect(built?.question).toEqual({ kind: 'prompt', prompt: 'Design a thumbnail pipeline.' });
    expect(built?.key).toMatchObject({ kind: 'prompt', rubric: ['trigger', 'idempotency', 'limits'], modelAnswer: 'S3 event → function → S3.' });
    expect(buildQuestion(p, [], createRng(1), { kinds: ['choice', 'typed', 'truefalse'] })).toBeNull();
  });

  describe('basic cards as multiple choice', () => {
    const q = basic('What bills per GB-second?', 'Compute duration', ['cost']);
    const pool = [
      basic('Unit of request pricing', 'Per million requests', ['cost']),
      basic('Cheaper at steady high load', 'Reserved containers', ['cost', 'comparisons']),
      basic('Free when idle', 'Scale to zero', ['cost']),
      basic('Same answer, other spelling', 'compute-duration.', ['cost']),
      basic('Duplicate of another', 'Scale to Zero!', ['cost']),
      basic('Other topic', 'Init phase', ['cold-starts']),
      { ...basic('Reverse card of q', 'What bills per GB-second?', ['cost']), noteId: q.noteId, ord: 1 },
    ];

    it('draws distractors only from related cards, never the answer, never twice', () => {
      for (let seed = 0; seed < 50; seed++) {
        const built = buildQuestion(q, pool, createRng(seed), { kinds: ['choice'] });
        const choices = built?.question.choices ?? [];
        expect(choices[built?.key.correctChoice ?? -1]).toBe('Compute duration');
        expect(choices.length).toBeGreaterThanOrEqual(3);
        expect(choices.length).toBeLessThanOrEqual(4);
        const norms = choices.map(normalizeAnswer);
        expect(new Set(norms).size).toBe(choices.length);
        expect(choices).not.toContain('Init phase');
        expect(choices).not.toContain('compute-duration.');
        expect(choices).not.toContain('What bills per GB-second?');
      }
    });

    it('returns null with fewer than two distractors', () => {
      expect(buildQuestion(q, pool.slice(3), createRng(1), { kinds: ['choice'] })).toBeNull();
      expect(buildQuestion(q, [], createRng(1), { kinds: ['choice'] })).toBeNull();
      expect(buildQuestion(q, pool, createRng(1), { kinds: ['typed', 'truefalse', 'prompt'] })).toBeNull();
    });

    it('a reversed card never becomes multiple choice (its stem would be an answer)', () => {
      const forward = basic('Front side?', 'Back side', ['cost']);
      expect(buildQuestion(forward, pool, createRng(2), { kinds: ['choice'] })?.question.prompt).toBe('Front side?');
      expect(buildQuestion({ ...forward, ord: 1 }, pool, createRng(2), { kinds: ['choice'] })).toBeNull();
    });

    it('distractors never contain the answer (property)', () => {
      const texts = fc.constantFrom('alpha', 'Alpha!', 'beta', 'BETA', 'gamma', 'delta', '15 min', '15 minutes', 'epsilon', 'zeta');
      const tagSets = fc.subarray(['a', 'b', 'c'], { minLength: 1 });
      const arbCards = fc.array(fc.record({ back: texts, tags: tagSets, note: fc.integer({ min: 0, max: 6 }) }), { minLength: 1, maxLength: 25 });
      fc.assert(
        fc.property(arbCards, fc.integer(), (rows, seed) => {
          const cands = rows.map((r, i) => ({ ...basic(`front ${i}`, r.back, r.tags), noteId: r.note, cardId: i }));
          for (const c of cands) {
            const built = buildQuestion(c, cands, createRng(seed), { kinds: ['choice'] });
            if (!built) continue;
            const choices = built.question.choices ?? [];
            const answer = normalizeAnswer((c.content as { back: string }).back);
            expect(normalizeAnswer(choices[built.key.correctChoice ?? -1] ?? '')).toBe(answer);
            const distractors = choices.filter((_, i) => i !== built.key.correctChoice);
            expect(distractors.length).toBeGreaterThanOrEqual(2);
            expect(distractors.length).toBeLessThanOrEqual(3);
            expect(distractors.map(normalizeAnswer)).not.toContain(answer);
            expect(new Set(choices.map(normalizeAnswer)).size).toBe(choices.length);
            for (const d of distractors) {
              const from = cands.filter((s) => (s.content as { back: string }).back === d);
              expect(from.some((s) => s.noteId !== c.noteId && s.tags.some((t) => c.tags.includes(t)))).toBe(true);
            }
          }
        }),
        { numRuns: 200 },
      );
    });
  });

  it('imported cards: plain text, same-deck distractors', () => {
    const rendered = (front: string, back: string, deckId: number): QuizCandidate =>
      card({ kind: 'rendered', noteType: 'Basic', fields: [], cards: [{ ord: 0, front, back }], format: 'html' }, [], { deckId });
    const q = rendered('<b>Capital</b> of&nbsp;France?', '<b>Capital</b> of&nbsp;France?<hr id=answer><i>Paris</i>', 7);
    const pool = [
      rendered('x', '<div>Berlin</div>', 7),
      rendered('y', 'Madrid &amp; co', 7),
      rendered('z', '<span>Rome</span>', 7),
      rendered('w', 'Lisbon', 8),
    ];
    for (let seed = 0; seed < 20; seed++) {
      const built = buildQuestion(q, pool, createRng(seed), { kinds: ['choice'] });
      expect(built?.question.prompt).toBe('Capital of France?');
      const choices = built?.question.choices ?? [];
      expect(choices[built?.key.correctChoice ?? -1]).toBe('Paris');
      expect(choices.slice().sort()).toEqual(['Berlin', 'Madrid & co', 'Paris', 'Rome']);
    }
  });

  it('cloze cards: the matching deletion becomes a typed blank', () => {
    const c = card({ kind: 'cloze', text: 'Max run time is {{c1::15 minutes}}; memory tops out at {{c2::10 GB::size}}.', extra: 'hard limits' });
    const first = buildQuestion(c, [], createRng(1), { kinds: ALL });
    expect(first?.question).toEqual({ kind: 'typed', prompt: 'Max run time is […]; memory tops out at 10 GB.' });
    expect(first?.key).toMatchObject({ kind: 'typed', answers: ['15 minutes'], answerText: '15 minutes', explanation: 'hard limits' });
    const second = buildQuestion({ ...c, ord: 1 }, [], createRng(1), { kinds: ALL });
    expect(second?.question.prompt).toBe('Max run time is 15 minutes; memory tops out at [size].');
    expect(second?.key.answers).toEqual(['10 GB']);
    expect(scoreAnswer(first?.key as QuizKey, { text: '900 seconds' })).toEqual({ correct: true, points: 1 });
    expect(scoreAnswer(second?.key as QuizKey, { text: '10240mb' })).toEqual({ correct: true, points: 1 });
    expect(buildQuestion({ ...c, ord: 2 }, [], createRng(1), { kinds: ALL })).toBeNull();
    expect(buildQuestion(c, [], createRng(1), { kinds: ['choice'] })).toBeNull();
  });
});

describe('scoreAnswer', () => {
  it('choice and true/false: the exact index', () => {
    const key: QuizKey = { kind: 'choice', correctChoice: 2, answerText: 'c' };
    expect(scoreAnswer(key, { choice: 2 })).toEqual({ correct: true, points: 1 });
    expect(scoreAnswer(key, { choice: 1 })).toEqual({ correct: false, points: 0 });
    expect(scoreAnswer(key, {})).toEqual({ correct: false, points: 0 });
    const tf: QuizKey = { kind: 'truefalse', correctChoice: 0, answerText: 'True' };
    expect(scoreAnswer(tf, { choice: 0 })).toEqual({ correct: true, points: 1 });
    expect(scoreAnswer(tf, { choice: 1 })).toEqual({ correct: false, points: 0 });
  });

  it('typed: tolerant matching', () => {
    const key: QuizKey = { kind: 'typed', answers: ['15 minutes'], numeric: { value: 15, unit: 'min', tolerance: 0 }, answerText: '15 minutes' };
    expect(scoreAnswer(key, { text: '0.25 h' })).toEqual({ correct: true, points: 1 });
    expect(scoreAnswer(key, { text: '15 MIN' })).toEqual({ correct: true, points: 1 });
    expect(scoreAnswer(key, { text: '10 min' })).toEqual({ correct: false, points: 0 });
    expect(scoreAnswer(key, {})).toEqual({ correct: false, points: 0 });
  });

  it('prompt: ungraded until ticked, then the share of the rubric', () => {
    const key: QuizKey = { kind: 'prompt', rubric: ['a', 'b', 'c', 'd'], modelAnswer: 'm', answerText: 'm' };
    expect(scoreAnswer(key, { text: 'my essay' })).toEqual({ correct: null, points: 0 });
    expect(scoreAnswer(key, { rubricChecked: [] })).toEqual({ correct: false, points: 0 });
    expect(scoreAnswer(key, { rubricChecked: [0] })).toEqual({ correct: false, points: 0.25 });
    expect(scoreAnswer(key, { rubricChecked: [0, 3] })).toEqual({ correct: true, points: 0.5 });
    expect(scoreAnswer(key, { rubricChecked: [0, 1, 2, 3] })).toEqual({ correct: true, points: 1 });
    expect(scoreAnswer(key, { rubricChecked: [1, 1, 1, 9, -1] })).toEqual({ correct: false, points: 0.25 });
  });
});

/** A mixed collection: notes of every kind, a few tags, two cards per reversed basic note. */
function collection(size: number): QuizCandidate[] {
  const tags = ['cold-starts', 'concurrency', 'cost', 'limits', 'event-sources'];
  const out: QuizCandidate[] = [];
  let cardId = 1000;
  // Plain object literals, shaped like rows mapped from the database.
  const add = (n: number, ord: number, content: NoteContent): void => {
    out.push({ cardId: cardId++, noteId: 50_000 + n, ord, tags: [tags[n % tags.length] as string], deckId: 1 + (n % 3), content });
  };
  for (let n = 0; n < size; n++) {
    switch (n % 6) {
      case 0:
      case 1:
        add(n, 0, { kind: 'basic', front: `Q${n}`, back: `Answer ${n}`, reversed: true });
        add(n, 1, { kind: 'basic', front: `Q${n}`, back: `Answer ${n}`, reversed: true });
        break;
      case 2:
        add(n, 0, { kind: 'choice', question: `C${n}?`, answer: `right ${n}`, distractors: ['w1', 'w2', 'w3', 'w4'] });
        break;
      case 3:
        add(n, 0, { kind: 'truefalse', statement: `S${n}`, answer: n % 4 === 0 });
        break;
      case 4:
        add(n, 0, { kind: 'typed', question: `T${n}?`, answers: [`${n} ms`], numeric: { value: n, unit: 'ms', tolerance: 0 } });
        break;
      default:
        add(n, 0, { kind: 'prompt', question: `P${n}`, modelAnswer: 'm', rubric: ['x', 'y'] });
    }
  }
  return out;
}

describe('buildQuiz', () => {
  const cands = collection(120);

  it('is deterministic from the seed, whatever the candidate order', () => {
    const a = buildQuiz(cands, { seed: 7, count: 20, kinds: ALL });
    expect(a).toHaveLength(20);
    expect(buildQuiz(cands, { seed: 7, count: 20, kinds: ALL })).toEqual(a);
    const reordered = shuffle(cands, createRng(99));
    expect(reordered.map((c) => c.cardId)).not.toEqual(cands.map((c) => c.cardId));
    expect(buildQuiz(reordered, { seed: 7, count: 20, kinds: ALL })).toEqual(a);
    expect(buildQuiz(cands.slice().reverse(), { seed: 7, count: 20, kinds: ALL })).toEqual(a);
    const b = buildQuiz(cands, { seed: 8, count: 20, kinds: ALL });
    expect(b.map((q) => q.cardId)).not.toEqual(a.map((q) => q.cardId));
  });

  it('asks each note at most once and only allowed kinds', () => {
    for (let seed = 0; seed < 10; seed++) {
      const quiz = buildQuiz(cands, { seed, count: 60, kinds: ['choice', 'typed'] });
      const notes = quiz.map((q) => cands.find((c) => c.cardId === q.cardId)?.noteId);
      expect(new Set(notes).size).toBe(quiz.length);
      expect(quiz.every((q) => q.question.kind === 'choice' || q.question.kind === 'typed')).toBe(true);
      expect(quiz.every((q) => q.key.kind === q.question.kind)).toBe(true);
    }
  });

  it('returns fewer questions when there are not enough cards', () => {
    // 120 notes, of which 20 are true/false.
    expect(buildQuiz(cands, { seed: 1, count: 500, kinds: ['truefalse'] })).toHaveLength(20);
    expect(buildQuiz(cands, { seed: 1, count: 500, kinds: ALL })).toHaveLength(120);
    expect(buildQuiz(cands, { seed: 1, count: 0, kinds: ALL })).toEqual([]);
    expect(buildQuiz(cands, { seed: 1, count: 5, kinds: [] })).toEqual([]);
    expect(buildQuiz([], { seed: 1, count: 5, kinds: ALL })).toEqual([]);
  });

  it('follows the mix and tops up from other kinds when one runs out', () => {
    const count = (quiz: ReturnType<typeof buildQuiz>, k: QuizQuestionKind): number => quiz.filter((q) => q.question.kind === k).length;
    const even = buildQuiz(cands, { seed: 3, count: 20, kinds: ALL, mix: { truefalse: 1, typed: 1 } });
    expect(count(even, 'truefalse')).toBe(10);
    expect(count(even, 'typed')).toBe(10);
    const weighted = buildQuiz(cands, { seed: 3, count: 12, kinds: ALL, mix: { choice: 3, prompt: 1 } });
    expect(count(weighted, 'choice')).toBe(9);
    expect(count(weighted, 'prompt')).toBe(3);
    // Only 20 prompt notes: the rest comes from the other weighted kind first.
    const short = buildQuiz(cands, { seed: 3, count: 40, kinds: ALL, mix: { prompt: 1, truefalse: 1 } });
    expect(count(short, 'prompt')).toBe(20);
    expect(count(short, 'truefalse')).toBe(20);
    const topped = buildQuiz(cands, { seed: 3, count: 50, kinds: ALL, mix: { prompt: 1, truefalse: 1 } });
    expect(topped).toHaveLength(50);
    expect(count(topped, 'prompt') + count(topped, 'truefalse')).toBe(40);
  });

  // Its speed is measured by `npm run bench` (quiz.start); here only that a large pool gives a sound, order-independent quiz.
  it('builds 50 distinct questions from 100,000 candidates, whatever order the rows come in', () => {
    const big = collection(76_000);
    expect(big.length).toBeGreaterThan(100_000);
    // Rows as a database might return them: not in card id order.
    const ids = shuffle(
      big.map((c) => c.cardId),
      createRng(5),
    );
    big.forEach((c, i) => {
      c.cardId = ids[i] as number;
    });
    const first = buildQuiz(big, { seed: 1, count: 50, kinds: ALL });
    expect(buildQuiz(big.slice().reverse(), { seed: 1, count: 50, kinds: ALL })).toEqual(first);
    for (let seed = 2; seed < 5; seed++) {
      const quiz = buildQuiz(big, { seed, count: 50, kinds: ALL });
      expect(quiz).toHaveLength(50);
      expect(new Set(quiz.map((q) => q.cardId)).size).toBe(50);
    }
  });
});

describe('summarizeAttempt', () => {
  it('scores overall and per topic by points; ungraded prompts count as zero', () => {
    const s = summarizeAttempt([
      { correct: true, points: 1, tags: ['cost', 'limits'], durationMs: 5000 },
      { correct: false, points: 0, tags: ['cost'], durationMs: 7000 },
      { correct: true, points: 0.75, tags: ['decisions'], durationMs: 60000 },
      { correct: null, points: 0.5, tags: ['decisions'], durationMs: 30000 },
      { correct: true, points: 1, tags: ['limits', 'limits'], durationMs: 2000 },
    ]);
    expect(s.total).toBe(5);
    expect(s.correct).toBe(2);
    expect(s.points).toBeCloseTo(2.75, 12);
    expect(s.score).toBeCloseTo(2.75 / 5, 12);
    expect(s.durationMs).toBe(104000);
    expect(s.byTopic).toEqual([
      { tag: 'cost', correct: 1, points: 1, total: 2, score: 0.5 },
      { tag: 'decisions', correct: 0, points: 0.75, total: 2, score: 0.375 },
      { tag: 'limits', correct: 2, points: 2, total: 2, score: 1 },
    ]);
  });

  it('one definition everywhere: a prompt graded 2 of 4 scores half a point in the score, the counter and its topic', () => {
    const rows = [
      { correct: true, points: 0.5, tags: ['integration-patterns'], durationMs: 1 },
      { correct: true, points: 1, tags: ['cost'], durationMs: 1 },
      { correct: true, points: 1, tags: ['cost'], durationMs: 1 },
      ...Array.from({ length: 5 }, () => ({ correct: false, points: 0, tags: ['limits'], durationMs: 1 })),
    ];
    const s = summarizeAttempt(rows);
    expect(s.points).toBe(2.5);
    expect(s.score).toBe(s.points / s.total);
    expect(s.score).toBeCloseTo(0.3125, 12);
    const topic = s.byTopic.find((t) => t.tag === 'integration-patterns');
    expect(topic).toMatchObject({ points: 0.5, total: 1, score: 0.5 });
    // Summing the topics (each question has one tag here) gives back the overall points.
    expect(s.byTopic.reduce((n, t) => n + t.points, 0)).toBe(s.points);
  });

  it('handles an empty attempt', () => {
    expect(summarizeAttempt([])).toEqual({ score: 0, correct: 0, points: 0, total: 0, byTopic: [], durationMs: 0 });
  });
});
