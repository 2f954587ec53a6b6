/** The cards a draft makes and its field errors, asked again shortly after each change (later answers win over earlier ones). */
import { useEffect, useRef, useState } from 'react';
import type { Output } from '../../../../shared/api/contract';
import type { NoteDraft } from '../../../../shared/api/notes-contract';
import { errorMessage } from '../../api/error-message';
import { call } from '../../api/transport';

export type DraftPreview = Output<'notes.preview'>;

/** `preview` answers the latest draft; `lastGood` is the latest one without field errors (its cards stay shown meanwhile). */
export function useDraftPreview(
  draft: NoteDraft | null,
  noteId: number | undefined,
  tryAnswer: string,
): { preview: DraftPreview | null; lastGood: DraftPreview | null; error: string | null } {
  const [preview, setPreview] = useState<DraftPreview | null>(null);
  const [lastGood, setLastGood] = useState<DraftPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const round = useRef(0);
  const key = draft ? JSON.stringify({ draft, noteId, tryAnswer }) : '';

  useEffect(() => {
    if (key === '') return;
    const mine = ++round.current;
    const timer = setTimeout(() => {
      const input = JSON.parse(key) as { draft: NoteDraft; noteId?: number; tryAnswer: string };
      void call('notes.preview', {
        draft: input.draft,
        ...(input.noteId !== undefined ? { noteId: input.noteId } : {}),
        ...(input.tryAnswer.trim() !== '' ? { tryAnswer: input.tryAnswer } : {}),
      }).then(
        (p) => {
          if (mine !== round.current) return;
          setPreview(p);
          if (p.errors.length === 0) setLastGood(p);
          setError(null);
        },
        (err: unknown) => mine === round.current && setError(errorMessage(err)),
      );
    }, 120);
    return () => clearTimeout(timer);
  }, [key]);

  return { preview, lastGood, error };
}
