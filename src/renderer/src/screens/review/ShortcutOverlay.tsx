import { useEffect, useRef } from 'react';
import { SHORTCUTS } from './review-keys';

/** Every key of the review screen, grouped; ? or Esc closes it. */
export function ShortcutOverlay({ onClose }: { onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div className="overlay-backdrop" onClick={onClose}>
      <div className="shortcut-overlay" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" onClick={(e) => e.stopPropagation()}>
        <div className="row between">
          <h2>Keyboard shortcuts</h2>
          <button ref={close} className="btn ghost" onClick={onClose}>
            Close <kbd>Esc</kbd>
          </button>
        </div>
        {SHORTCUTS.map((group) => (
          <section key={group.title}>
            <h3>{group.title}</h3>
            <dl>
              {group.keys.map((k) => (
                <div key={k.does} className="shortcut">
                  <dt>
                    {k.keys.map((key) => (
                      <kbd key={key}>{key}</kbd>
                    ))}
                  </dt>
                  <dd>{k.does}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </div>
  );
}
