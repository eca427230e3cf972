export interface Toast {
  id: number;
  message: string;
}

/** Short confirmations of what just happened; errors go to the banner instead. */
export function Toasts({ toasts }: { toasts: Toast[] }) {
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className="toast" data-testid="toast">
          ✓ {t.message}
        </div>
      ))}
    </div>
  );
}
