/**
 * Add and edit notes (#/add[/deckId], #/notes/:id?return=…): the kind's fields, deck and tags on
 * the left, every card the note makes on the right as review will show it. Ctrl+Enter saves,
 * Escape leaves (asking first when there are unsaved edits). After an edit the screen goes back
 * where it came from (`return`, e.g. "review/3" resumes that review); after an add it stays, ready
 * for the next note, keeping kind, deck and tags as Anki does.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CardRemoval, EditableKind, EditableNote, NoteDraft, SaveResult } from '../../../../shared/api/notes-contract';
import { NOTE_KINDS } from '../../../../shared/deck-format';
import { errorMessage } from '../../api/error-message';
import { call } from '../../api/transport';
import { useCall } from '../../api/use-call';
import { navigate } from '../../router';
import { CardPreview } from './CardPreview';
import { EditorDialog } from './EditorDialog';
import { contentFromForm, emptyForm, errorsByField, formFromContent, KIND_LABELS, type EditorForm } from './editor-form';
import { NoteFields } from './NoteFields';
import { TagInput } from './TagInput';
import { useDraftPreview } from './use-draft-preview';
import './note-editor.css';

export type EditorMode = { kind: 'add'; deckId: number | null } | { kind: 'edit'; noteId: number; returnTo: string };

const LAST_KIND = 'retain.editor.kind';
const LAST_DECK = 'retain.editor.deck';
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

interface Draft {
  form: EditorForm;
  deckId: number | null;
  tags: string;
}

function startingDraft(mode: EditorMode): Draft {
  const kind = (localStorage.getItem(LAST_KIND) ?? 'basic') as EditableKind;
  const lastDeck = Number(localStorage.getItem(LAST_DECK)) || null;
  return { form: emptyForm(NOTE_KINDS.includes(kind as never) ? kind : 'basic'), deckId: mode.kind === 'add' ? (mode.deckId ?? lastDeck) : null, tags: '' };
}

function draftFromNote(note: EditableNote): Draft {
  return { form: formFromContent(note.content), deckId: note.deckId, tags: note.tags.join(' ') };
}

export function NoteEditorScreen({ mode }: { mode: EditorMode }) {
  const noteId = mode.kind === 'edit' ? mode.noteId : undefined;
  const decks = useCall('decks.list', {});
  const [note, setNote] = useState<EditableNote | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(() => startingDraft(mode));
  const [saved, setSaved] = useState<string>(() => JSON.stringify(startingDraft(mode)));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [tryAnswer, setTryAnswer] = useState('');
  const [dialog, setDialog] = useState<{ type: 'discard' } | { type: 'confirm'; removals: CardRemoval[] } | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const firstField = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (noteId === undefined) return;
    call('notes.get', { noteId }).then(
      (n) => {
        setNote(n);
        const d = draftFromNote(n);
        setDraft(d);
        setSaved(JSON.stringify(d));
      },
      (err: unknown) => setLoadError(errorMessage(err)),
    );
  }, [noteId]);

  // A new note goes to the first deck when no deck was chosen yet.
  const firstDeck = decks.data?.decks[0]?.id ?? null;
  const deckId = draft.deckId ?? firstDeck;
  const request = useMemo<NoteDraft | null>(
    () => (deckId === null || (noteId !== undefined && !note) ? null : { deckId, content: contentFromForm(draft.form), tags: draft.tags.split(/\s+/).filter(Boolean) }),
    [deckId, noteId, note, draft],
  );
  const { preview, lastGood, error: previewError } = useDraftPreview(request, noteId, draft.form.kind === 'typed' ? tryAnswer : '');
  const dirty = JSON.stringify(draft) !== saved;
  const allErrors = useMemo(() => errorsByField(preview?.errors ?? [], draft.form), [preview, draft.form]);
  const shownErrors = submitted ? allErrors : Object.fromEntries(Object.entries(allErrors).filter(([k]) => touched.has(k)));

  const leave = useCallback(() => {
    if (mode.kind === 'edit') navigate(mode.returnTo ? `/${mode.returnTo}` : '/');
    else navigate('/');
  }, [mode]);

  const save = useCallback(
    async (confirmDelete?: number[]) => {
      if (!request || saving) return;
      setSubmitted(true);
      setSaving(true);
      setStatus(null);
      try {
        const r: SaveResult =
          noteId === undefined
            ? await call('notes.add', { draft: request })
            : await call('notes.update', { noteId, draft: request, ...(confirmDelete ? { confirmDelete } : {}) });
        if (r.status === 'invalid') {
          setStatus(`Not saved: ${plural(r.errors.length, 'problem')} to fix (marked at ${r.errors.length === 1 ? 'its field' : 'their fields'}).`);
        } else if (r.status === 'needsConfirmation') {
          setDialog({ type: 'confirm', removals: r.removals });
        } else if (noteId !== undefined) {
          setSaved(JSON.stringify(draft));
          leave();
        } else {
          localStorage.setItem(LAST_KIND, draft.form.kind);
          localStorage.setItem(LAST_DECK, String(request.deckId));
          const next = { ...draft, deckId: request.deckId, form: emptyForm(draft.form.kind) };
          setDraft(next);
          setSaved(JSON.stringify(next));
          setTouched(new Set());
          setSubmitted(false);
          setStatus(`Added a note with ${plural(r.cardIds.length, 'card')}.`);
          firstField.current?.querySelector<HTMLElement>('textarea, input')?.focus();
        }
      } catch (err) {
        setStatus(`Not saved: ${errorMessage(err)}`);
      } finally {
        setSaving(false);
      }
    },
    [request, saving, noteId, draft, leave],
  );

  const cancel = useCallback(() => (dirty ? setDialog({ type: 'discard' }) : leave()), [dirty, leave]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (dialog) return;
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void save();
      } else if (e.key === 'Escape') {
        e.preventDefault();
        cancel();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialog, save, cancel]);

  const setForm = (form: EditorForm) => {
    const changed = Object.keys(form.text).filter((k) => form.text[k] !== draft.form.text[k]);
    if (changed.length) setTouched((t) => new Set([...t, ...changed]));
    if (form.numericValue !== draft.form.numericValue) setTouched((t) => new Set([...t, 'numericValue']));
    setDraft({ ...draft, form });
  };

  if (loadError) {
    return (
      <main className="screen">
        <div className="banner error" role="alert">
          This note cannot be opened: {loadError}
        </div>
      </main>
    );
  }
  if (noteId !== undefined && !note) return <main className="screen muted">Loading note…</main>;

  // While the draft breaks a rule, the cards of its last valid state stay, dimmed.
  const stale = (preview?.errors.length ?? 0) > 0;
  const cards = (stale ? lastGood?.cards : preview?.cards) ?? [];
  const removals = preview?.removals ?? [];
  const fromSource = note?.source.startsWith('builtin:') ? 'A built-in deck note: a later update of the deck keeps your edits.' : note?.source.startsWith('import:') ? 'An imported note: its fields are edited one by one.' : null;

  return (
    <main className="screen note-editor">
      <header className="page-head">
        <div>
          <h1>{noteId === undefined ? 'Add a note' : 'Edit note'}</h1>
          <p className="muted">
            {noteId !== undefined && `${KIND_LABELS[draft.form.kind]} · `}
            {fromSource ?? 'Ctrl+Enter saves · Escape leaves'}
          </p>
        </div>
      </header>
      <div className="editor-grid">
        <form
          className="panel editor-form"
          aria-label={noteId === undefined ? 'New note' : 'Note'}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          {noteId === undefined && (
            <fieldset className="editor-kinds">
              <legend className="field-label">Kind</legend>
              {NOTE_KINDS.map((k) => (
                <label key={k} className={draft.form.kind === k ? 'editor-kind active' : 'editor-kind'}>
                  <input type="radio" name="kind" value={k} checked={draft.form.kind === k} onChange={() => setDraft({ ...draft, form: { ...emptyForm(k), text: draft.form.text } })} />
                  {KIND_LABELS[k]}
                </label>
              ))}
            </fieldset>
          )}
          <div className="field">
            <label className="field-label" htmlFor="editor-deck">
              Deck
            </label>
            <select id="editor-deck" value={deckId ?? ''} onChange={(e) => setDraft({ ...draft, deckId: Number(e.target.value) })}>
              {(decks.data?.decks ?? []).map((d) => (
                <option key={d.id} value={d.id}>
                  {d.path}
                </option>
              ))}
            </select>
            {shownErrors['deck'] && <span className="field-error">{shownErrors['deck'].join(' ')}</span>}
          </div>
          <div className="editor-fields" ref={firstField}>
            <NoteFields form={draft.form} errors={shownErrors} onChange={setForm} />
          </div>
          <TagInput value={draft.tags} onChange={(tags) => setDraft({ ...draft, tags })} error={shownErrors['tags']} />
          {shownErrors['form'] && (
            <p className="field-error" role="alert">
              {shownErrors['form'].join(' ')}
            </p>
          )}
          <div className="editor-actions row gap">
            <button type="submit" className="btn primary" disabled={saving || !request}>
              {noteId === undefined ? 'Add' : 'Save'} <kbd>Ctrl+Enter</kbd>
            </button>
            <button type="button" className="btn" onClick={cancel}>
              {noteId === undefined ? 'Close' : 'Cancel'} <kbd>Esc</kbd>
            </button>
            {status && (
              <span className="editor-status" role="status">
                {status}
              </span>
            )}
          </div>
        </form>
        <section className="editor-preview" aria-label="Preview">
          <h2 className="section-title">
            {cards.length > 0 ? `This note makes ${plural(cards.length, 'card')}` : 'Preview'}
          </h2>
          {draft.form.kind === 'typed' && (
            <div className="field editor-try">
              <label className="field-label" htmlFor="editor-try">
                Try an answer
              </label>
              <input id="editor-try" value={tryAnswer} placeholder="e.g. 15 min" onChange={(e) => setTryAnswer(e.target.value)} />
              {preview?.tried && (
                <span className={preview.tried.correct ? 'text-ok' : 'text-error'} role="status">
                  {preview.tried.correct ? `Accepted${preview.tried.matched ? ` (as "${preview.tried.matched}")` : ''}` : 'Not accepted'}
                </span>
              )}
            </div>
          )}
          {removals.length > 0 && (
            <div className="banner error editor-removals" role="status">
              Saving deletes {removals.map((r) => `${r.label} (${plural(r.reviews, 'review')})`).join(', ')}; you will be asked first.
            </div>
          )}
          {previewError && <div className="banner error">{previewError}</div>}
          {cards.length === 0 && !previewError && <p className="muted">The cards appear here as you type.</p>}
          {stale && cards.length > 0 && <p className="muted">Fix the marked fields to see these cards change.</p>}
          <div className={stale ? 'editor-preview-cards stale' : 'editor-preview-cards'}>
            {cards.map((c) => (
              <CardPreview key={c.ord} card={c} />
            ))}
          </div>
        </section>
      </div>
      {dialog?.type === 'discard' && (
        <EditorDialog title="Discard your changes?" confirmLabel="Discard" cancelLabel="Keep editing" onCancel={() => setDialog(null)} onConfirm={leave}>
          <p>The edits to this note are not saved.</p>
        </EditorDialog>
      )}
      {dialog?.type === 'confirm' && (
        <EditorDialog
          title={`Delete ${plural(dialog.removals.length, 'card')}?`}
          confirmLabel={`Delete and save`}
          cancelLabel="Keep editing"
          onCancel={() => setDialog(null)}
          onConfirm={() => {
            setDialog(null);
            void save(dialog.removals.map((r) => r.cardId));
          }}
        >
          <p>
            The note no longer makes {dialog.removals.length === 1 ? 'this card; saving deletes it' : 'these cards; saving deletes them'} with the review
            history:
          </p>
          <ul className="editor-removal-list">
            {dialog.removals.map((r) => (
              <li key={r.cardId}>
                {r.label}: {plural(r.reviews, 'review')}
              </li>
            ))}
          </ul>
        </EditorDialog>
      )}
    </main>
  );
}
