/**
 * Editing one note on a 100,000-card collection: `notes.update` through the dispatch (the draft
 * checked by its kind's rules, one IMMEDIATE transaction keeping the cards) and its cards rendered
 * again from the saved content, as review shows them; against the bare UPDATE of the note's content.
 */
import { createApp } from '../src/main/app';
import { manualClock } from '../src/main/core/clock';
import { renderCard } from '../src/main/core/render-card';
import type { NoteContent } from '../src/shared/note-content';
import { buildCollection } from './collection';
import type { BenchContext } from './bench-context';
import { median, paired, percentile, type BenchResult } from './stats';

const TOTAL = 100_000;

export async function editBenches(ctx: BenchContext): Promise<BenchResult[]> {
  const clock = manualClock(ctx.now);
  const app = createApp({ dataDir: ctx.tmp('edit'), clock, timeZone: 'UTC' });
  try {
    const { repos } = app.services;
    const db = repos.db;
    ctx.log(`building a ${TOTAL.toLocaleString('en-US')}-card collection for note edits…`);
    const { deckId, firstId } = buildCollection(db, TOTAL, TOTAL / 10, ctx.now, ['bench', 'lambda']);
    app.services.decks.invalidate();
    const noteId = firstId + TOTAL / 2;
    const bare = db.prepare<[string, number, number]>('UPDATE notes SET content = ?, updated_at = ? WHERE id = ?');

    const edit = async (i: number) => {
      clock.advance(1);
      const draft = { deckId, content: { kind: 'basic', front: `Question ${noteId}, edit ${i}: what is the value?`, back: `Answer ${i}` }, tags: ['bench', 'lambda'] };
      const r = await app.dispatch('notes.update', { noteId, draft });
      // Every measured edit writes: the content differs from the stored one (the baseline wrote its own).
      if (!r.ok || (r.value as { status: string; changed?: boolean }).changed !== true) throw new Error(`notes.update: ${JSON.stringify(r)}`);
      // Its cards rendered again from the saved content, as review shows them.
      const saved = r.value as { cardIds: number[] };
      saved.cardIds.forEach((cardId, ord) => renderCard(draft.content as NoteContent, ord, cardId));
    };
    const baseline = (i: number) => {
      bare.run(JSON.stringify({ kind: 'basic', front: `Question ${noteId}, bare ${i}: what is the value?`, back: `Answer ${i}` }), ctx.now + i, noteId);
    };
    // Warmed and sampled as the review.answer bench is (200, then 20 rounds of 250 each side): with
    // 50 warm-up edits and 500 samples the median fell among edits made before V8 had optimised
    // their JavaScript (the native bare UPDATE needs no warming), so it measured the warm-up.
    for (let i = 0; i < 200; i++) {
      await edit(-1 - i);
      baseline(-1 - i);
    }
    const r = await paired(20, 250, edit, baseline);
    const value = median(r.measured);
    const base = median(r.baseline);
    return [
      {
        name: `edit one note: save + re-render its cards (${TOTAL.toLocaleString('en-US')} cards) vs bare UPDATE`,
        value_ms: value,
        baseline_ms: base,
        ratio: value / base,
        target: 'ratio <= 3',
        p99_ms: percentile(r.measured, 99),
      },
    ];
  } finally {
    app.close();
  }
}
