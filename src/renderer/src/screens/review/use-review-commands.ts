/**
 * What the review screen's keys and menu do beyond answering: card and note actions (the cards
 * contract), flags, undo of the latest answer or action, edit, replay and autoplay of audio.
 */
import { useCallback, useEffect, useMemo, type Dispatch, type MutableRefObject } from 'react';
import type { ActionResult } from '../../../../shared/api/cards-contract';
import type { CardView } from '../../../../shared/api/review-contract';
import { afterNextPaint } from '../../after-paint';
import { call } from '../../api/transport';
import { navigate } from '../../router';
import { nextUndo, type ReviewAction, type ReviewState } from '../review-state';
import { playCardAudio, soundCount, stopCardAudio } from './card-audio';
import type { ReviewActionName } from './review-keys';

function runAction(action: ReviewActionName, card: CardView): Promise<ActionResult> {
  const cardIds = [card.cardId];
  const noteIds = [card.noteId];
  switch (action) {
    case 'buryCard':
      return call('cards.bury', { cardIds, buried: true });
    case 'buryNote':
      return call('notes.bury', { noteIds });
    case 'suspendCard':
      return call('cards.suspend', { cardIds, suspended: true });
    case 'suspendNote':
      return call('notes.suspend', { noteIds, suspended: true });
    case 'deleteNote':
      return call('notes.delete', { noteIds });
  }
}

/** The side on screen and how many of its first sounds were already heard on the front (Anki's {{FrontSide}}). */
function sideShown(card: CardView, revealed: boolean): { selector: string; skip: number; sounds: number } {
  if (!revealed) return { selector: '.card-content.front', skip: 0, sounds: soundCount(card.front) };
  const repeatsFront = card.backIsAnswerSide && card.back.includes(card.front);
  return { selector: '.card-content.back', skip: repeatsFront ? soundCount(card.front) : 0, sounds: soundCount(card.back) };
}

function playSide(card: CardView, revealed: boolean): void {
  const side = sideShown(card, revealed);
  if (side.sounds <= side.skip) return;
  playCardAudio(document.querySelector(`[data-card-id="${card.cardId}"] ${side.selector}`), side.skip);
}

export function useReviewCommands(
  deckId: number,
  stateRef: MutableRefObject<ReviewState>,
  dispatch: Dispatch<ReviewAction>,
  load: () => void,
  fail: (err: unknown) => void,
  /** The topic being reviewed, if the session is on one tag. */
  tag?: string,
) {
  const act = useCallback(
    (action: ReviewActionName) => {
      const card = stateRef.current.session?.card;
      if (!card) return;
      dispatch({ type: 'busy' });
      runAction(action, card)
        .then((r) => {
          dispatch({ type: 'acted', message: r.message, undoId: r.undo?.id ?? null });
          load();
        })
        .catch((err: unknown) => {
          fail(err);
          load();
        });
    },
    [stateRef, dispatch, load, fail],
  );

  const flag = useCallback(
    (value: number) => {
      const card = stateRef.current.session?.card;
      if (!card) return;
      call('cards.flag', { cardIds: [card.cardId], flag: value })
        .then((r) => {
          dispatch({ type: 'flagged', cardId: card.cardId, flag: value });
          dispatch({ type: 'acted', message: r.message, undoId: r.undo?.id ?? null });
        })
        .catch(fail);
    },
    [stateRef, dispatch, fail],
  );

  /** Take back the latest answer (review.undo) or action (actions.undo with its id), whichever came last. */
  const undo = useCallback(() => {
    if (stateRef.current.pending || stateRef.current.busy) {
      dispatch({ type: 'queueUndo' });
      return;
    }
    const entry = nextUndo(stateRef.current);
    if (!entry) return;
    dispatch({ type: 'busy' });
    if (entry.kind === 'answer') {
      call('review.undo', { deckId, tag })
        .then((session) => {
          dispatch({ type: 'loaded', session, at: performance.now() });
          dispatch({ type: 'undone', message: 'Answer undone' });
        })
        .catch(fail);
      return;
    }
    call('actions.undo', { id: entry.id })
      .then((r) => {
        dispatch({ type: 'undone', message: `Undone: ${r.undone.label}` });
        load();
      })
      .catch((err: unknown) => {
        fail(err);
        load();
      });
  }, [deckId, tag, stateRef, dispatch, load, fail]);

  const edit = useCallback(() => {
    const card = stateRef.current.session?.card;
    if (card) navigate(`/notes/${card.noteId}?return=review/${deckId}`);
  }, [deckId, stateRef]);

  const replay = useCallback(() => {
    const s = stateRef.current;
    if (s.session?.card) playSide(s.session.card, s.phase === 'answer');
  }, [stateRef]);

  // One object while its commands stay the same: the screen's command runner, its key listener and the
  // menu keep their identity from one card to the next instead of being made again on every render.
  return useMemo(() => ({ act, flag, undo, edit, replay }), [act, flag, undo, edit, replay]);
}

/** Play a side's sounds when it appears, when the deck preset says so (Anki's "don't play audio automatically" off). */
export function useAutoplay(card: CardView | null, revealed: boolean, autoplay: boolean): void {
  useEffect(() => {
    if (!card || !autoplay) return;
    // After the side is painted: starting audio must not delay the card.
    return afterNextPaint(() => playSide(card, revealed));
  }, [card?.cardId, revealed, autoplay]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => stopCardAudio, [card?.cardId]);
}
