import { SHORTCUT_HINTS } from '../lib/shortcuts';
import type { Theme } from '../lib/theme';

interface Props {
  title: string;
  theme: Theme;
  onToggleTheme: () => void;
  transport: 'electron' | 'http';
}

/** Keys of the workflow screens, listed after the inventory ones. */
const SCREEN_HINTS: { keys: string; what: string }[] = [
  { keys: 'Alt+1…8', what: 'go to a screen (Inventories … About; Alt+8 Calibrate)' },
  { keys: 'Ctrl/⌘+O', what: 'on Workloads: import a trace; on History: import a scenario' },
  { keys: 'Ctrl/⌘+Enter', what: 'on Compare: run the comparison' },
  { keys: 'Esc', what: 'close the banner or the side-by-side view' },
];

export function TopBar({ title, theme, onToggleTheme, transport }: Props) {
  const shortcuts = [...SHORTCUT_HINTS, ...SCREEN_HINTS].map((s) => `${s.keys}: ${s.what}`).join('\n');
  return (
    <header className="topbar">
      <h1 className="topbar-title">{title}</h1>
      <div className="topbar-right">
        <span className="chip" data-tip={shortcuts} tabIndex={0} aria-label={`Keyboard shortcuts: ${shortcuts}`}>
          ⌨ shortcuts
        </span>
        <span className="chip muted" title={transport === 'electron' ? 'Desktop app' : 'Browser, served by the local fleetplan host on 127.0.0.1'}>
          {transport === 'electron' ? 'desktop' : 'local host'}
        </span>
        <button
          type="button"
          className="btn btn-ghost"
          onClick={onToggleTheme}
          aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
          data-tip={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
          data-testid="theme-toggle"
        >
          {theme === 'dark' ? '☀ light' : '☾ dark'}
        </button>
      </div>
    </header>
  );
}
