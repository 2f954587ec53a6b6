import { call } from '../api/transport';
import { useCall } from '../api/use-call';
import { navigate } from '../router';

export function HomeScreen() {
  const { data, error, reload } = useCall('decks.list', {});

  const dismiss = (id: number) => {
    void call('decks.dismissNotice', { id }).then(reload);
  };

  if (error) {
    return (
      <main className="screen">
        <div className="banner error" role="alert">{error}</div>
      </main>
    );
  }
  if (!data) return <main className="screen muted">Loading decks…</main>;

  const totals = data.decks
    .filter((d) => d.depth === 0)
    .reduce((t, d) => ({ n: t.n + d.newCount, l: t.l + d.learningCount, r: t.r + d.dueCount }), { n: 0, l: 0, r: 0 });

  return (
    <main className="screen home">
      <header className="page-head">
        <div>
          <h1>Decks</h1>
          <p className="muted">
            Today: <span className="count new">{totals.n}</span> new · <span className="count learn">{totals.l}</span> learning ·{' '}
            <span className="count due">{totals.r}</span> to review
          </p>
        </div>
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
          <p>Import a deck to get started.</p>
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
            </tr>
          </thead>
          <tbody>
            {data.decks.map((d) => {
              const any = d.newCount + d.learningCount + d.dueCount > 0;
              return (
                <tr key={d.id} className={d.depth === 0 ? 'root' : ''}>
                  <td style={{ paddingLeft: `${0.75 + d.depth * 1.25}rem` }}>
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
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p className="hint muted">
        Open a deck to study. Keys while studying: <kbd>Space</kbd> show answer, <kbd>1</kbd>–<kbd>4</kbd> rate, <kbd>Ctrl</kbd>+<kbd>Z</kbd>{' '}
        undo, <kbd>Esc</kbd> back.
      </p>
      <button className="sr-only" onClick={() => navigate('/')}>Refresh</button>
    </main>
  );
}
