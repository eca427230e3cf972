import { SCREEN_HINTS, SHORTCUT_HINTS } from '../lib/shortcuts';
import type { Theme } from '../lib/theme';

interface Props {
  title: string;
  theme: Theme;
  onToggleTheme: () => void;
  transport: 'electron' | 'http';
  onShowKeys?: () => void;
}

export function TopBar({ title, theme, onToggleTheme, transport, onShowKeys }: Props) {
  const shortcuts = [...SHORTCUT_HINTS, ...SCREEN_HINTS].map((s) => `${s.keys}: ${s.what}`).join('\n');
  return (
    <header className="topbar">
      <h1 className="topbar-title">{title}</h1>
      <div className="topbar-right">
        <button type="button" className="chip" onClick={onShowKeys} aria-label={`Keyboard shortcuts: ${shortcuts}`} data-tip="Keyboard shortcuts (?)" data-testid="show-keys">
          ⌨ shortcuts
        </button>
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
