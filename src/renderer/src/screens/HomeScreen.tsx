import { useEffect, useState } from 'react';
import type { DeckSummary } from '../../../shared/api/decks-contract';
import { errorMessage } from '../api/error-message';
import { call } from '../api/transport';
import { useCall } from '../api/use-call';
import { NameDialog } from '../components/NameDialog';
import { countOf } from '../count-words';
import { navigate } from '../router';
import { DeckActionsMenu } from './home/DeckActionsMenu';
import { DeleteDeckDialog } from './home/DeleteDeckDialog';
import { MoveDeckDialog } from './home/MoveDeckDialog';
import { UndoToast, type Toast } from './home/UndoToast';
import { useDeckDrag } from './home/use-deck-drag';
import './home/deck-home.css';

type Dialog =
  | { kind: 'create' }
  | { kind: 'rename'; deck: DeckSummary }
  | { kind: 'move'; deck: DeckSummary }
  | { kind: 'delete'; deck: DeckSummary };

export function HomeScreen() {
  const { data, error, reload } = useCall('decks.list', {});
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [toast, setToast] = useState<Toast | null>(null);

  // Counts change with the clock (a new study day, learning cards coming due): refresh when the window comes back.
  useEffect(() => {
    window.addEventListener('focus', reload);
    return () => window.removeEventListener('focus', reload);
  }, [reload]);

  const move = async (deck: DeckSummary, parentId: number | null): Promise<void> => {
    await call('decks.move', { deckId: deck.id, parentId });
    setToast({ message: `Moved "${deck.name}" ${parentId === null ? 'to the top level' : `under "${data?.decks.find((d) => d.id === parentId)?.path ?? ''}"`}.`, undo: null });
    reload();
  };
  const drag = useDeckDrag(data?.decks ?? [], (deck, parentId) => {
    move(deck, parentId).catch((err: unknown) => setToast({ message: `Not moved: ${errorMessage(err).replace(/^(name|parentId): /, '')}`, undo: null }));
  });

  const dismiss = (id: number) => {
    void call('decks.dismissNotice', { id }).then(reload);
  };
  const undo = (id: number) => {
    call('actions.undo', { id })
      .then((r) => setToast({ message: `Undone: ${r.undone.label}.`, undo: null }))
      .catch((err: unknown) => setToast({ message: `Could not undo: ${errorMessage(err)}`, undo: null }))
      .finally(reload);
  };

  if (error) {
    return (
      <main className="screen">
        <div className="banner error" role="alert">{error}</div>
      </main>
    );
  }
  if (!data) return <main className="screen muted">Loading decks…</main>;

  const { today } = data;
  const subdecksOf = (d: DeckSummary): number => data.decks.filter((x) => x.path.startsWith(`${d.path}::`)).length;

  return (
    <main className="screen home">
      <header className="page-head">
        <div>
          <h1>Decks</h1>
          <p className="muted" title="What you can study today, each deck opened on its own within its limits">
            Today: <span className="count new">{today.newCount}</span> new · <span className="count learn">{today.learningCount}</span> learning ·{' '}
            <span className="count due">{today.dueCount}</span> to review
          </p>
        </div>
        <button className="btn primary" onClick={() => setDialog({ kind: 'create' })}>
          New deck
        </button>
      </header>

      {data.notices.map((n) => (
        <div key={n.id} className="banner info" role="status">
          <span>
            <strong>{n.deckName}</strong> was updated (v{n.fromVersion} → v{n.toVersion}): {n.added} added, {n.updated} changed,{' '}
            {n.removed} removed (their cards are suspended; review history is kept).
          </span>
          <button className="btn ghost small" onClick={() => dismiss(n.id)}>
            Dismiss
          </button>
        </div>
      ))}
      {data.loadErrors.map((e) => (
        <div key={e.file} className="banner error" role="alert">
          A built-in deck could not be loaded: {e.message}
        </div>
      ))}

      {data.decks.length === 0 ? (
        <div className="panel empty">
          <h2>No decks yet</h2>
          <p>
            Import a deck, or create one with <strong>New deck</strong>.
          </p>
        </div>
      ) : (
        <table className="deck-table">
          <thead>
            <tr>
              <th scope="col">Deck</th>
              <th scope="col" className="num">New</th>
              <th scope="col" className="num">Learn</th>
              <th scope="col" className="num">Due</th>
              <th scope="col" className="num">Cards</th>
              <th scope="col" className="actions">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.decks.map((d) => {
              const any = d.newCount + d.learningCount + d.dueCount > 0;
              return (
                <tr key={d.id} className={[d.depth === 0 ? 'root' : '', drag.rowClass(d)].join(' ').trim()} {...drag.rowProps(d)}>
                  <td className="deck-name" style={{ paddingLeft: `${0.75 + d.depth * 1.1}rem` }}>
                    <a
                      className="deck-link"
                      href={`#/review/${d.id}`}
                      aria-label={`Study ${d.path}: ${d.newCount} new, ${d.learningCount} learning, ${d.dueCount} due`}
                    >
                      {d.name}
                    </a>
                    {d.description && d.depth > 0 && <div className="deck-desc">{d.description}</div>}
                  </td>
                  <td className={`num count new ${d.newCount ? '' : 'zero'}`}>{d.newCount}</td>
                  <td className={`num count learn ${d.learningCount ? '' : 'zero'}`}>{d.learningCount}</td>
                  <td className={`num count due ${d.dueCount ? '' : 'zero'}`}>{d.dueCount}</td>
                  <td className="num muted">
                    {d.totalCards}
                    {!any && <span className="sr-only"> (nothing due)</span>}
                  </td>
                  <td className="actions">
                    <DeckActionsMenu
                      deckPath={d.path}
                      actions={[
                        { label: 'Rename…', run: () => setDialog({ kind: 'rename', deck: d }) },
                        { label: 'Move to…', run: () => setDialog({ kind: 'move', deck: d }) },
                        { label: 'Options', run: () => navigate(`/decks/${d.id}/options`) },
                        { label: 'Delete…', run: () => setDialog({ kind: 'delete', deck: d }), danger: true },
                      ]}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {drag.dragging && (
        <div className={`deck-drop-top ${drag.overTop ? 'over' : ''}`} {...drag.topProps}>
          Drop here to move to the top level
        </div>
      )}
      <p className="hint muted">
        Open a deck to study. Keys while studying: <kbd>Space</kbd> show answer, <kbd>1</kbd>–<kbd>4</kbd> rate, <kbd>Ctrl</kbd>+<kbd>Z</kbd>{' '}
        undo, <kbd>Esc</kbd> back.
      </p>

      {dialog?.kind === 'create' && (
        <NameDialog
          title="New deck"
          label="Name"
          help={'Use "Parent::Child" to create it inside another deck.'}
          submitLabel="Create"
          onClose={() => setDialog(null)}
          onSubmit={async (name) => {
            await call('decks.create', { name });
            setToast({ message: `Created "${name.trim()}".`, undo: null });
            reload();
          }}
        />
      )}
      {dialog?.kind === 'rename' && (
        <NameDialog
          title={`Rename "${dialog.deck.path}"`}
          label="New name"
          initial={dialog.deck.name}
          help={subdecksOf(dialog.deck) > 0 ? `Its ${countOf(subdecksOf(dialog.deck), 'subdeck')} keep their place under it.` : 'To put it inside another deck, use Move to….'}
          submitLabel="Rename"
          onClose={() => setDialog(null)}
          onSubmit={async (name) => {
            await call('decks.rename', { deckId: dialog.deck.id, name });
            reload();
          }}
        />
      )}
      {dialog?.kind === 'move' && (
        <MoveDeckDialog deck={dialog.deck} decks={data.decks} onClose={() => setDialog(null)} onMove={(parentId) => move(dialog.deck, parentId)} />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteDeckDialog
          deck={dialog.deck}
          subdecks={subdecksOf(dialog.deck)}
          onClose={() => setDialog(null)}
          onDelete={async () => {
            const r = await call('decks.delete', { deckId: dialog.deck.id });
            setToast({ message: r.message, undo: r.undo });
            reload();
          }}
        />
      )}
      {toast && <UndoToast toast={toast} onDismiss={() => setToast(null)} onUndo={() => toast.undo && undo(toast.undo.id)} />}
    </main>
  );
}
