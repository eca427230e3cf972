import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ConfirmOptions, PromptOptions } from './app-context';

export type DialogRequest =
  | { kind: 'confirm'; options: ConfirmOptions; resolve: (ok: boolean) => void }
  | { kind: 'prompt'; options: PromptOptions; resolve: (value: string | null) => void };

/**
 * One modal at a time, on the native <dialog>: the browser traps focus and turns Escape into cancel;
 * Enter submits the form.
 */
export function DialogHost({ request, onClose }: { request: DialogRequest | null; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const okRef = useRef<HTMLButtonElement>(null);
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !request) return;
    setValue(request.kind === 'prompt' ? (request.options.initial ?? '') : '');
    setProblem(null);
    if (!dialog.open) dialog.showModal();
    // showModal focuses the first button (Cancel); Enter must answer the question instead.
    // The initial text lands on the next render, so select it a frame later.
    if (request.kind === 'prompt') {
      inputRef.current?.focus();
      requestAnimationFrame(() => inputRef.current?.select());
    }
    else okRef.current?.focus();
  }, [request]);

  if (!request) return null;

  const finish = (answer: boolean) => {
    ref.current?.close();
    if (request.kind === 'confirm') request.resolve(answer);
    else request.resolve(answer ? value.trim() : null);
    onClose();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (request.kind === 'prompt') {
      const message = request.options.validate?.(value.trim()) ?? null;
      if (message) {
        setProblem(message);
        return;
      }
    }
    finish(true);
  };

  const o = request.options;
  const danger = request.kind === 'confirm' && request.options.danger;
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="dialog-title"
      onCancel={(e) => {
        e.preventDefault();
        finish(false);
      }}
    >
      <form onSubmit={submit} method="dialog">
        <h2 id="dialog-title">{o.title}</h2>
        {request.kind === 'confirm' && request.options.body && <p className="dialog-body">{request.options.body}</p>}
        {request.kind === 'prompt' && (
          <label className="dialog-field">
            <span>{request.options.label}</span>
            <input
              ref={inputRef}
              value={value}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? 'dialog-problem' : undefined}
              onChange={(e) => {
                setValue(e.target.value);
                setProblem(null);
              }}
            />
            {problem && (
              <span id="dialog-problem" className="field-problem">
                {problem}
              </span>
            )}
          </label>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={() => finish(false)}>
            Cancel <kbd>Esc</kbd>
          </button>
          <button type="submit" ref={okRef} className={danger ? 'btn btn-danger' : 'btn btn-primary'}>
            {o.confirmLabel ?? 'OK'} <kbd>Enter</kbd>
          </button>
        </div>
      </form>
    </dialog>
  );
}
