/** A short reference of the search syntax (Anki's), opened from beside the search box. */
const ROWS: Array<[string, string]> = [
  ['dog', 'notes containing “dog” (any case); d*g and d_g use wildcards'],
  ['"a dog"', 'the exact phrase'],
  ['-dog', 'notes without “dog”'],
  ['dog or cat', 'either; terms side by side must all match'],
  ['(dog or cat) -fish', 'parentheses group'],
  ['deck:AWS', 'deck AWS and its subdecks; deck:"My deck", deck:AWS*'],
  ['tag:aws', 'tag aws and its children (aws::ec2); tag:none'],
  ['is:due', 'is:new, learn, review, due, suspended, buried'],
  ['flag:1', 'flag 1 red … 7 purple; flag:0 no flag'],
  ['prop:ivl>=10', 'ivl, due (days from today), reps, lapses, s, d, r with = != < <= > >='],
  ['rated:7', 'answered in the last 7 days; rated:7:1 answered Again'],
  ['added:3', 'added in the last 3 days'],
  ['kind:cloze', 'basic, cloze, choice, truefalse, typed, prompt, rendered'],
];

export function SearchHelp() {
  return (
    <details className="search-help">
      <summary>Search syntax</summary>
      <dl className="search-help-list">
        {ROWS.map(([example, meaning]) => (
          <div key={example} className="search-help-row">
            <dt>
              <code>{example}</code>
            </dt>
            <dd>{meaning}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
