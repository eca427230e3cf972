import type { GpuType } from '../../../../main/domain';
import { fmtNumber } from '../../lib/format';

/** GPU types grouped by vendor, each shown with its memory so two variants are never confused. */
export function GpuSelect({ gpus, value, onChange, label, invalid, testId }: {
  gpus: GpuType[];
  value: string;
  onChange: (id: string) => void;
  label: string;
  invalid?: string;
  testId?: string;
}) {
  const vendors = [...new Set(gpus.map((g) => g.vendor))];
  const known = gpus.some((g) => g.id === value);
  return (
    <select
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-label={label}
      aria-invalid={invalid ? true : undefined}
      className={invalid ? 'is-invalid' : undefined}
      data-testid={testId}
    >
      {!known && <option value={value}>{value} (not in catalog)</option>}
      {vendors.map((v) => (
        <optgroup key={v} label={v}>
          {gpus
            .filter((g) => g.vendor === v)
            .map((g) => (
              <option key={g.id} value={g.id}>
                {g.vendor} {g.name} · {fmtNumber(g.memoryGb, 0)} GB
              </option>
            ))}
        </optgroup>
      ))}
    </select>
  );
}
