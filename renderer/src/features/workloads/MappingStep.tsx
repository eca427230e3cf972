import { useState } from 'react';
import type { TraceMapping } from '../../../../main/domain';
import type { PendingMapping } from './useWorkloads';
import { ARRIVAL_PATTERNS, guessColumn as guess, unitOfColumn } from './mapping-guess';

type Unit = 's' | 'ms' | 'datetime' | 'none';


/** For a CSV/JSONL fleetplan does not recognise: which column is the arrival time (and its unit), input and output tokens. */
export function MappingStep({ pending, onImport, onCancel }: { pending: PendingMapping; onImport: (m: TraceMapping) => void; onCancel: () => void }) {
  const { columns, sampleRows, kind } = pending.preview;
  const [arrival, setArrivalColumn] = useState(() => guess(columns, ARRIVAL_PATTERNS));
  const [unit, setUnit] = useState<Unit>(() => unitOfColumn(arrival));
  // The unit follows the column's name until the user picks one.
  const [unitChosen, setUnitChosen] = useState(false);
  const setArrival = (c: string) => {
    setArrivalColumn(c);
    if (!unitChosen) setUnit(unitOfColumn(c));
  };
  const [input, setInput] = useState(() => guess(columns, [/^(input|prompt|context)/i, /in/i]));
  const [output, setOutput] = useState(() => guess(columns, [/^(output|generat|complet|response)/i, /out/i]));
  const submit = () => onImport({ arrival: unit === 'none' ? null : { column: arrival, unit }, input, output });
  const select = (value: string, set: (v: string) => void, label: string, testId: string, disabled = false) => (
    <label className="map-field">
      <span>{label}</span>
      <select value={value} onChange={(e) => set(e.target.value)} disabled={disabled} data-testid={testId}>
        {columns.map((c) => <option key={c} value={c}>{c}</option>)}
      </select>
    </label>
  );
  return (
    <section className="panel mapping" aria-label="Column mapping" data-testid="mapping-step">
      <h2>Which column is what in {pending.file.fileName}?</h2>
      <p className="muted small">
        fleetplan does not recognise this {kind === 'jsonl' ? 'JSON-lines' : 'CSV'} layout. Pick the columns; lengths are in tokens.
        Without arrival times, requests are treated as arriving together (rescale or replay them at a rate later).
      </p>
      <form className="map-form" onSubmit={(e) => { e.preventDefault(); submit(); }}>
        {select(arrival, setArrival, 'Arrival time', 'map-arrival', unit === 'none')}
        <label className="map-field">
          <span>unit</span>
          <select value={unit} onChange={(e) => { setUnit(e.target.value as Unit); setUnitChosen(true); }} data-testid="map-unit">
            <option value="s">seconds</option>
            <option value="ms">milliseconds</option>
            <option value="datetime">date-time</option>
            <option value="none">none (no arrival column)</option>
          </select>
        </label>
        {select(input, setInput, 'Input tokens', 'map-input')}
        {select(output, setOutput, 'Output tokens', 'map-output')}
        <div className="toolbar">
          <button type="submit" className="btn btn-primary" data-testid="map-import">Import <kbd>Enter</kbd></button>
          <button type="button" className="btn" onClick={onCancel}>Cancel</button>
        </div>
      </form>
      <div className="table-scroll">
        <table className="grid">
          <thead><tr>{columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
          <tbody>
            {sampleRows.map((r, i) => <tr key={i}>{columns.map((c, j) => <td key={c} className="truncate">{r[j]}</td>)}</tr>)}
          </tbody>
        </table>
      </div>
    </section>
  );
}
