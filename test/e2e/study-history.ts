/**
 * A realistic few weeks of study through the real host: most days the user studies the built-in
 * AWS Lambda deck (a few new cards, the reviews due, mostly Good with some Again/Hard/Easy, 4–20 s
 * an answer), skips a day now and then, and sits a few practice quizzes. Seeded, so every run
 * gives the same history.
 */
import { createRng } from '../../src/main/core/quiz/rng';
import type { RetainHost } from './retain-host';

const DAY = 86_400_000;

interface Session {
  card: { cardId: number } | null;
}
interface QuizView {
  id: number;
  questions: Array<{ position: number; choices: string[] | null }>;
}

export async function deckIdOf(host: RetainHost, path: string): Promise<number> {
  const { decks } = await host.call<{ decks: Array<{ id: number; path: string }> }>('decks.list');
  const d = decks.find((x) => x.path === path);
  if (!d) throw new Error(`no deck ${path}`);
  return d.id;
}

/**
 * `days` days of study ending the day before `end` (the clock is left at `end`): up to
 * `newPerDay` new cards a day and every review due, at most `maxAnswers` answers a day.
 */
export async function studyHistory(host: RetainHost, o: { end: number; days: number; newPerDay: number; maxAnswers?: number; seed?: number }): Promise<number> {
  const random = createRng(o.seed ?? 7);
  await host.call('settings.update', { newPerDay: o.newPerDay });
  const deck = await deckIdOf(host, 'AWS Lambda');
  let answers = 0;
  for (let day = o.days; day >= 1; day--) {
    if (random() < 0.15) continue; // a day off now and then
    await host.setClock(o.end - day * DAY + Math.floor(random() * 10) * 3_600_000);
    let session = await host.call<Session>('review.next', { deckId: deck });
    for (let n = 0; n < (o.maxAnswers ?? 60) && session.card; n++) {
      const r = random();
      const rating = r < 0.12 ? 1 : r < 0.2 ? 2 : r < 0.92 ? 3 : 4;
      const durationMs = Math.round(4_000 + random() * 16_000);
      session = (await host.call<{ session: Session }>('review.answer', { cardId: session.card.cardId, rating, durationMs, deckId: deck })).session;
      answers++;
    }
    if (day % 6 === 0) await practiceQuiz(host, random);
  }
  await host.setClock(o.end);
  return answers;
}

/** A practice quiz of choice and true/false questions, answered partly right by chance, then submitted. */
async function practiceQuiz(host: RetainHost, random: () => number): Promise<void> {
  const quiz = await host.call<QuizView>('quiz.start', { count: 12, mix: { choice: 2, truefalse: 1, typed: 0, prompt: 0 }, mode: 'practice', seed: Math.floor(random() * 1e6) });
  for (const q of quiz.questions) {
    const options = q.choices?.length ?? 2;
    await host.call('quiz.answer', { attemptId: quiz.id, position: q.position, choice: Math.floor(random() * options), durationMs: 8_000 });
  }
  await host.call('quiz.submit', { attemptId: quiz.id });
}
