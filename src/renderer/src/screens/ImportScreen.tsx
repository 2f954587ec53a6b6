/**
 * #/import: choose or drop a file, see what it holds and what it would change, adjust the deck
 * and (for delimited text) the columns, then import with a progress bar. Below: export.
 */
import { countOf } from '../count-words';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { IMPORT_MAX_BYTES } from '../../../shared/api/import-contract';
import { call, ApiCallError, onEvent, stageFile } from '../api/transport';
import { ExportPanel } from './ExportPanel';
import { ImportPreviewPanel } from './ImportPreviewPanel';
import { ACCEPTED_EXTENSIONS, ACCEPTED_FORMATS, callInput, formatBytes, importReducer, initialImportState, progressFraction } from './import-state';

function messageOf(err: unknown): string {
  return err instanceof ApiCallError ? err.message : err instanceof Error ? err.message : String(err);
}

function newJobId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  return `job-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export function ImportScreen() {
  const [state, dispatch] = useReducer(importReducer, initialImportState);
  const fileRef = useRef<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const [deckListVersion, setDeckListVersion] = useState(0);

  const choose = useCallback((file: File | undefined) => {
    if (!file) return;
    fileRef.current = file;
    dispatch({ type: 'choose', name: file.name, size: file.size });
  }, []);

  // Send the chosen file once; a file sent for a choice that was since replaced is discarded.
  useEffect(() => {
    if (state.phase !== 'reading' || !fileRef.current) return;
    let live = true;
    stageFile(fileRef.current).then(
      (staged) => {
        if (live) dispatch({ type: 'staged', stageId: staged.stageId });
        else void call('import.discard', { stageId: staged.stageId }).catch(() => undefined);
      },
      (err: unknown) => live && dispatch({ type: 'failed', message: `The file could not be sent: ${messageOf(err)}` }),
    );
    return () => {
      live = false;
    };
  }, [state.phase]);

  // A staged file is removed once it is no longer the one shown (another file, a reset, leaving the screen).
  const { stageId } = state;
  useEffect(() => {
    if (stageId === null) return;
    return () => void call('import.discard', { stageId }).catch(() => undefined);
  }, [stageId]);

  // Progress of the import being written, pushed by the main process.
  useEffect(() => onEvent((event) => event.type === 'import.progress' && dispatch({ type: 'progress', progress: event.progress })), []);

  // Preview whenever the file or the options change.
  const { phase, previewSeq } = state;
  const input = callInput(state);
  const inputKey = input ? JSON.stringify(input.options) : '';
  useEffect(() => {
    if (phase !== 'previewing' || !input) return;
    const seq = previewSeq;
    call('import.preview', input).then(
      (preview) => dispatch({ type: 'previewed', seq, preview }),
      (err: unknown) => dispatch({ type: 'failed', seq, message: messageOf(err) }),
    );
    // `input` changes identity on every render; inputKey and previewSeq say when it really changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [phase, previewSeq, inputKey]);

  const startImport = () => {
    const base = callInput(state);
    if (!base) return;
    const jobId = newJobId();
    dispatch({ type: 'start', jobId });
    call('import.commit', { ...base, jobId }).then(
      (result) => {
        dispatch({ type: 'finished', result });
        setDeckListVersion((v) => v + 1);
      },
      (err: unknown) => dispatch({ type: 'failed', message: messageOf(err) }),
    );
  };

  // A file dropped anywhere on the screen is taken; elsewhere the browser must not open it.
  useEffect(() => {
    const stop = (e: DragEvent) => e.preventDefault();
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, []);

  const onDrop = (e: React.DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (state.phase === 'importing') return;
    choose(e.dataTransfer.files[0]);
  };
  const onDragOver = (e: React.DragEvent) => {
    e.preventDefault();
    if (!dragging && state.phase !== 'importing') setDragging(true);
  };
  const onDragLeave = (e: React.DragEvent) => {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
  };

  const busy = state.phase === 'reading' || state.phase === 'previewing' || state.phase === 'importing';
  const fraction = progressFraction(state.progress);

  return (
    <main className="screen import-screen" onDragOver={onDragOver} onDragLeave={onDragLeave} onDrop={onDrop}>
      <header className="page-head">
        <div>
          <h1>Import</h1>
          <p className="muted">Bring in decks from Anki, spreadsheets or notes. Nothing is written until you press Import.</p>
        </div>
      </header>

      {state.error && (
        <div className="banner error import-error" role="alert">
          <span>
            <strong>Could not import.</strong> {state.error}
          </span>
        </div>
      )}

      {state.phase !== 'done' && (
        <section
          className={`drop-zone ${dragging ? 'dragging' : ''} ${state.file ? 'compact' : ''}`}
          aria-label="Drop a file to import"
        >
          <div className="drop-icon" aria-hidden="true">
            ⤓
          </div>
          <div className="drop-text">
            <strong>{state.file ? state.file.name : 'Drop a file here'}</strong>
            <span className="muted">
              {state.file
                ? `${formatBytes(state.file.size)}${state.phase === 'reading' ? ' · reading…' : state.phase === 'previewing' ? ' · checking…' : ''}`
                : `or choose one · up to ${formatBytes(IMPORT_MAX_BYTES)}`}
            </span>
          </div>
          <label className={`btn ${state.file ? '' : 'primary'} ${busy ? 'disabled' : ''}`}>
            {state.file ? 'Choose another file' : 'Choose a file'}
            <input
              className="sr-only"
              type="file"
              accept={ACCEPTED_EXTENSIONS.join(',')}
              disabled={state.phase === 'importing'}
              data-testid="import-file"
              onChange={(e) => {
                choose(e.target.files?.[0]);
                e.target.value = '';
              }}
            />
          </label>
          {!state.file && (
            <ul className="format-list" aria-label="Accepted formats">
              {ACCEPTED_FORMATS.map((f) => (
                <li key={f.label}>
                  <span>{f.label}</span> <code>{f.ext}</code>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {state.preview && state.phase !== 'done' && (
        <ImportPreviewPanel state={state} dispatch={dispatch} busy={busy} onImport={startImport} />
      )}

      {state.phase === 'importing' && (
        <div className="panel import-progress" role="status" aria-live="polite">
          <div className="row gap">
            <strong>Importing {state.file?.name}…</strong>
            <span className="muted">
              {state.progress && state.progress.total > 0
                ? `${Math.round(fraction * 100)}% · ${state.progress.done.toLocaleString()} of ${state.progress.total.toLocaleString()}`
                : 'reading the file'}
            </span>
          </div>
          <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(fraction * 100)}>
            <div className="progress-fill" style={{ width: `${Math.max(2, fraction * 100)}%` }} />
          </div>
        </div>
      )}

      {state.phase === 'done' && state.result && (
        <section className="panel import-done" role="status" aria-label="Import finished">
          <div className="done-mark" aria-hidden="true">
            ✓
          </div>
          <div className="import-done-body">
            <h2>Imported {state.result.fileName}</h2>
            <p>
              <strong>{state.result.notes.toLocaleString()}</strong> new {state.result.notes === 1 ? 'note' : 'notes'},{' '}
              <strong>{state.result.updated.toLocaleString()}</strong> updated, {state.result.unchanged.toLocaleString()} unchanged,{' '}
              {state.result.skipped.toLocaleString()} skipped.
            </p>
            <p className="muted">
              {state.result.cards.toLocaleString()} cards added · {state.result.reviews.toLocaleString()} reviews of history ·{' '}
              {state.result.media.toLocaleString()} media files · {countOf(state.result.decks, 'new deck')}
            </p>
            <div className="row gap">
              {state.result.deckIds.slice(0, 4).map((d) => (
                <a key={d.id} className="btn primary" href={`#/review/${d.id}`}>
                  Study {d.path}
                </a>
              ))}
              <a className="btn" href="#/">
                Back to decks
              </a>
              <button className="btn ghost" onClick={() => dispatch({ type: 'reset' })}>
                Import another file
              </button>
            </div>
          </div>
        </section>
      )}

      <ExportPanel refreshKey={deckListVersion} />
    </main>
  );
}
