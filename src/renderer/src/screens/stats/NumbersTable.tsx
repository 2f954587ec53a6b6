/** The numbers behind a chart, as a table: the chart's text alternative, folded away until opened. */
export function NumbersTable({ caption, columns, rows }: { caption: string; columns: readonly string[]; rows: ReadonlyArray<ReadonlyArray<string | number>> }) {
  return (
    <details className="stats-numbers">
      <summary>Show the numbers</summary>
      <div className="stats-numbers-scroll" role="region" aria-label={caption} tabIndex={0}>
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                {r.map((cell, j) =>
                  j === 0 ? (
                    <th key={j} scope="row">
                      {cell}
                    </th>
                  ) : (
                    <td key={j}>{typeof cell === 'number' ? cell.toLocaleString('en-US') : cell}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
