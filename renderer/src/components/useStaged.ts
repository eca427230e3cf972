// Shows a long list of heavy pieces (charts) one per macrotask, so no single task blocks the window for
// long: the first paint has the table, and each chart lands on its own. The next piece is scheduled only
// after the previous one has committed, so two never end up in the same render.
import { useEffect, useState } from 'react';

export function useStaged(total: number, key: unknown): number {
  const [state, setState] = useState({ key, shown: 0 });
  const shown = state.key === key ? state.shown : 0;
  useEffect(() => {
    if (shown >= total) return;
    const timer = setTimeout(() => setState({ key, shown: shown + 1 }), 0);
    return () => clearTimeout(timer);
  }, [shown, total, key]);
  return Math.min(shown, total);
}
