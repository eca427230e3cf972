// Shows a long list of heavy pieces (charts) one per macrotask, so no single task blocks the window for
// long: the first paint has the table, and each chart lands on its own.
import { useEffect, useState } from 'react';

export function useStaged(total: number, key: unknown): number {
  const [shown, setShown] = useState(0);
  useEffect(() => {
    setShown(0);
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout>;
    const step = (n: number) => {
      if (cancelled || n > total) return;
      setShown(n);
      timer = setTimeout(() => step(n + 1), 0);
    };
    timer = setTimeout(() => step(1), 0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [total, key]);
  return shown;
}
