/**
 * Tags as one line of text, separated by spaces (Anki's tag editor). The tag being typed is
 * completed from the collection's tags, most used first: arrow keys choose, Tab or Enter takes it.
 */
import { useEffect, useState } from 'react';
import { call } from '../../api/transport';

function lastToken(text: string): string {
  return /(\S*)$/.exec(text)?.[1] ?? '';
}

export function TagInput({ value, onChange, error }: { value: string; onChange: (v: string) => void; error?: string[] | undefined }) {
  const [options, setOptions] = useState<string[]>([]);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const token = lastToken(value);
  const taken = new Set(value.split(/\s+/).filter(Boolean));

  useEffect(() => {
    if (!open || token === '') {
      setOptions([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      void call('tags.list', { prefix: token, limit: 8 }).then(
        (r) => {
          if (!live) return;
          setOptions(r.tags.map((t) => t.tag).filter((t) => t !== token));
          setActive(0);
        },
        () => live && setOptions([]),
      );
    }, 80);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [token, open]);

  const shown = options.filter((o) => !taken.has(o));
  const accept = (tag: string) => {
    onChange(`${value.slice(0, value.length - token.length)}${tag} `);
    setOptions([]);
  };

  return (
    <div className="field editor-tags">
      <label className="field-label" htmlFor="editor-tags">
        Tags
      </label>
      <input
        id="editor-tags"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={shown.length > 0}
        aria-controls="editor-tag-options"
        aria-activedescendant={shown.length > 0 ? `editor-tag-${active}` : undefined}
        aria-invalid={error ? true : undefined}
        autoComplete="off"
        spellCheck={false}
        value={value}
        placeholder="space-separated, e.g. lambda cold-starts"
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onChange={(e) => {
          setOpen(true);
          onChange(e.target.value);
        }}
        onKeyDown={(e) => {
          if (shown.length === 0 || e.ctrlKey || e.metaKey) return;
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : shown.length - 1)) % shown.length);
          } else if (e.key === 'Tab' || e.key === 'Enter') {
            e.preventDefault();
            accept(shown[active] ?? shown[0]!);
          } else if (e.key === 'Escape') {
            e.stopPropagation();
            setOptions([]);
          }
        }}
      />
      {shown.length > 0 && (
        <ul id="editor-tag-options" role="listbox" className="editor-tag-options">
          {shown.map((t, i) => (
            <li
              key={t}
              id={`editor-tag-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                accept(t);
              }}
            >
              {t}
            </li>
          ))}
        </ul>
      )}
      {error?.map((m) => (
        <span key={m} className="field-error">
          {m}
        </span>
      ))}
    </div>
  );
}
