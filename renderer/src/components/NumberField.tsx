import { useEffect, useState } from 'react';

interface Props {
  value: number;
  onChange: (value: number) => void;
  /** Shown after the number and in the tooltip, e.g. "GB/s". */
  unit: string;
  /** What the number is, for the tooltip and screen readers. */
  label: string;
  hint?: string;
  integer?: boolean;
  invalid?: string;
  width?: string;
  testId?: string;
  /** Hide the unit suffix where the column header already states it (the tooltip still does). */
  unitInHeader?: boolean;
}

function parse(text: string, integer: boolean): number {
  const t = text.trim().replace(/[_,\s]/g, '');
  if (t === '') return Number.NaN;
  const n = Number(t);
  return integer && !Number.isInteger(n) ? Number.NaN : n;
}

/**
 * A number with its unit always visible. Keeps the typed text while it is being edited ("1." is not yet a
 * number) and reports NaN for text that does not parse, which the table's validation then names.
 */
export function NumberField({ value, onChange, unit, label, hint, integer = false, invalid, width, testId, unitInHeader = false }: Props) {
  const [text, setText] = useState(() => (Number.isFinite(value) ? String(value) : ''));
  useEffect(() => {
    // Follow outside changes (e.g. a new GPU type's default) without clobbering what is being typed.
    setText((cur) => (Object.is(parse(cur, integer), value) ? cur : Number.isFinite(value) ? String(value) : cur));
  }, [value, integer]);
  const tip = `${label} (${unit})${hint ? ` — ${hint}` : ''}${invalid ? `\n⚠ ${invalid}` : ''}`;
  return (
    <span className={`num-field${invalid ? ' is-invalid' : ''}`} data-tip={tip}>
      <input
        type="text"
        inputMode={integer ? 'numeric' : 'decimal'}
        value={text}
        aria-label={`${label} in ${unit}`}
        aria-invalid={invalid ? true : undefined}
        style={width ? { width } : undefined}
        data-testid={testId}
        onChange={(e) => {
          setText(e.target.value);
          onChange(parse(e.target.value, integer));
        }}
      />
      {!unitInHeader && (
        <span className="unit" aria-hidden="true">
          {unit}
        </span>
      )}
    </span>
  );
}
