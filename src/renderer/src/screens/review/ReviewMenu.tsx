import { memo, useEffect, useRef, useState } from 'react';
import { FLAG_NAMES } from '../../../../shared/api/cards-contract';
import type { ReviewCommand } from '../review-state';
import { FLAG_COLOURS } from './review-keys';

type Item = { label: string; keys: string; command: Exclude<ReviewCommand, null>; danger?: boolean };

/** The review actions for mouse users, each with its key: edit, bury, suspend, flag, delete, replay, shortcuts. */
/** Re-rendered only when its flag, its disabled state or its command runner change, not with every card. */
export const ReviewMenu = memo(function ReviewMenu({
  flag,
  disabled,
  onCommand,
}: {
  flag: number;
  disabled: boolean;
  onCommand: (command: Exclude<ReviewCommand, null>) => void;
}) {
  const [open, setOpen] = useState(false);
  /** Where the list opens: toward the larger room above or below the button, no taller than that room. */
  const [place, setPlace] = useState<{ up: boolean; room: number }>({ up: false, room: 400 });
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);

  const items: Item[] = [
    { label: 'Edit note', keys: 'E', command: { type: 'edit' } },
    { label: 'Replay audio', keys: 'R', command: { type: 'replay' } },
    { label: 'Bury card', keys: '-', command: { type: 'action', action: 'buryCard' } },
    { label: 'Bury note', keys: '=', command: { type: 'action', action: 'buryNote' } },
    { label: 'Suspend card', keys: '@', command: { type: 'action', action: 'suspendCard' } },
    { label: 'Suspend note', keys: '!', command: { type: 'action', action: 'suspendNote' } },
    ...[1, 2, 3, 4, 5, 6, 7].map((n) => ({
      label: flag === n ? `Remove ${FLAG_NAMES[n]?.toLowerCase() ?? ''} flag` : `Flag ${FLAG_NAMES[n]?.toLowerCase() ?? ''}`,
      keys: `Ctrl+${n}`,
      command: { type: 'flag', flag: flag === n ? 0 : n } as const,
    })),
    { label: 'Delete note', keys: 'Ctrl+Delete', command: { type: 'action', action: 'deleteNote' }, danger: true },
    { label: 'Keyboard shortcuts', keys: '?', command: { type: 'overlay', open: true } },
  ];

  return (
    <div className="review-menu" ref={root}>
      <button
        className="btn ghost"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          const below = window.innerHeight - r.bottom;
          setPlace({ up: r.top > below, room: Math.max(160, Math.max(r.top, below) - 16) });
          setOpen((o) => !o);
        }}
        disabled={disabled}
        title="Card actions"
      >
        ⋯ Actions
      </button>
      {open && (
        <div className={`review-menu-list${place.up ? ' up' : ''}`} role="menu" aria-label="Card actions" style={{ maxHeight: place.room }}>
          {items.map((item) => (
            <button
              key={item.label}
              role="menuitem"
              className={`review-menu-item${item.danger ? ' danger' : ''}`}
              onClick={() => {
                setOpen(false);
                onCommand(item.command);
              }}
            >
              {item.command.type === 'flag' && item.command.flag > 0 && <span className={`flag-dot flag-${FLAG_COLOURS[item.command.flag] ?? ''}`} aria-hidden="true" />}
              <span className="menu-label">{item.label}</span>
              <kbd>{item.keys}</kbd>
            </button>
          ))}
        </div>
      )}
    </div>
  );
});
