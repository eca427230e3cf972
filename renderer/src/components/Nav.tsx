import { useRef, type KeyboardEvent } from 'react';
import { VIEWS, type ViewId } from './views';

/** The left nav: ↑/↓ move between screens, Enter or Space opens one; Alt+1…8 jump from anywhere. */
export function Nav({ current, onSelect }: { current: ViewId; onSelect: (id: ViewId) => void }) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, i: number) => {
    let next = -1;
    if (e.key === 'ArrowDown') next = (i + 1) % VIEWS.length;
    else if (e.key === 'ArrowUp') next = (i - 1 + VIEWS.length) % VIEWS.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = VIEWS.length - 1;
    if (next >= 0) {
      e.preventDefault();
      refs.current[next]?.focus();
    }
  };
  return (
    <nav className="nav" aria-label="Screens">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">▦</span> fleetplan
      </div>
      <ul>
        {VIEWS.map((v, i) => (
          <li key={v.id}>
            <button
              type="button"
              ref={(el) => {
                refs.current[i] = el;
              }}
              className={`nav-item${v.id === current ? ' is-current' : ''}${v.upcoming ? ' is-upcoming' : ''}`}
              aria-current={v.id === current ? 'page' : undefined}
              tabIndex={v.id === current ? 0 : -1}
              onClick={() => onSelect(v.id)}
              onKeyDown={(e) => onKeyDown(e, i)}
              data-testid={`nav-${v.id}`}
            >
              <span>{v.label}</span>
              {v.upcoming ? <span className="badge">soon</span> : <kbd>Alt+{v.key}</kbd>}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
