import { useEffect, useRef } from 'react';
import { SCREEN_HINTS, SHORTCUT_HINTS } from '../lib/shortcuts';

/** Every key the app answers, on the native <dialog> (Escape closes it, focus stays inside). */
export function KeysDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog keys-dialog" onClose={onClose} aria-labelledby="keys-title" data-testid="keys-dialog">
      <h2 id="keys-title">Keyboard shortcuts</h2>
      <dl className="keys-list">
        {[...SHORTCUT_HINTS, ...SCREEN_HINTS].map((h) => (
          <div key={`${h.keys} ${h.what}`}><dt><kbd>{h.keys}</kbd></dt><dd>{h.what}</dd></div>
        ))}
      </dl>
      <div className="toolbar"><button type="button" className="btn btn-primary" onClick={onClose} autoFocus>Close</button></div>
    </dialog>
  );
}
