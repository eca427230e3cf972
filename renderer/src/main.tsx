import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { api, toApiError } from './api/client';
import { Locked } from './components/Locked';
import { applyTheme, storedTheme } from './lib/theme';
import './styles.css';

// Before the first paint, so a stored dark theme does not flash light.
applyTheme(storedTheme());

const root = createRoot(document.getElementById('root')!);
// One call before the app shows: a refused token gets a page that says so, not empty lists and a red error.
api['app.info']({}).then(
  () => root.render(<StrictMode><App /></StrictMode>),
  (e: unknown) => {
    const err = toApiError(e);
    root.render(err.code === 'unauthorized' ? <Locked error={err} /> : <StrictMode><App /></StrictMode>);
  },
);
