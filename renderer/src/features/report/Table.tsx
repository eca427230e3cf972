// A printed table: the header repeats on every page and no row is split across pages (report.css).
export interface Col {
  label: string;
  unit?: string;
  numeric?: boolean;
  /** Long unbreakable text (paths, URLs) may break anywhere rather than widen the table past the paper. */
  breakAnywhere?: boolean;
}

export function ReportTable({ cols, rows, className }: { cols: Col[]; rows: string[][]; className?: string }) {
  return (
    <table className={`report-table ${className ?? ''}`}>
      <thead>
        <tr>
          {cols.map((c) => (
            <th key={c.label} className={c.numeric ? 'num' : undefined}>
              {c.label}
              {c.unit ? <span className="unit">({c.unit})</span> : null}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            {r.map((v, j) => (
              <td key={j} className={cols[j]?.numeric ? 'num' : cols[j]?.breakAnywhere ? 'any' : undefined}>{v === '' ? '—' : v}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Two-column facts list that keeps each pair together. */
export function Facts({ items }: { items: [string, string][] }) {
  return (
    <dl className="report-facts">
      {items.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
