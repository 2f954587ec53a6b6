/** A deck row's actions (rename, move, options, delete) in a menu button, usable from the keyboard. */
import { useEffect, useRef, useState } from 'react';

export interface DeckAction {
  label: string;
  run: () => void;
  danger?: boolean;
}

export function DeckActionsMenu({ deckPath, actions }: { deckPath: string; actions: DeckAction[] }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const outside = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node) && e.target !== button.current) setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const go = (i: number) => items[(i + items.length) % items.length]?.focus();
    if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') go(at - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(items.length - 1);
    else if (e.key === 'Escape') close(true);
    else if (e.key === 'Tab') close(false);
    else return;
    if (e.key !== 'Tab') e.preventDefault();
  };

  return (
    <div className="deck-menu">
      <button
        ref={button}
        className="btn ghost small deck-menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`Actions for ${deckPath}`}
        title="Rename, move, options, delete"
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      {open && (
        <ul ref={menu} className="deck-menu-list" role="menu" aria-label={`Actions for ${deckPath}`} onKeyDown={onKeyDown}>
          {actions.map((a) => (
            <li key={a.label} role="none">
              <button
                role="menuitem"
                tabIndex={-1}
                className={a.danger ? 'danger' : undefined}
                onClick={() => {
                  close(false);
                  a.run();
                }}
              >
                {a.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
