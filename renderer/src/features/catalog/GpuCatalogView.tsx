import { useMemo, useState } from 'react';
import type { GpuType } from '../../../../main/domain';
import { useShell } from '../../components/app-context';
import { fmtNumber, fmtUsd } from '../../lib/format';
import { filterGpus, nextSort, sortGpus, type GpuSortKey, type SortDir } from './sort';

interface Column {
  key: GpuSortKey;
  label: string;
  unit?: string;
  tip: string;
  render: (g: GpuType) => string;
  numeric?: boolean;
}

const COLUMNS: Column[] = [
  { key: 'vendor', label: 'Vendor', tip: 'Vendor', render: (g) => g.vendor },
  { key: 'name', label: 'Name', tip: 'Model and variant', render: (g) => g.name },
  { key: 'memoryGb', label: 'Memory', unit: 'GB', tip: 'Device memory, decimal GB', render: (g) => fmtNumber(g.memoryGb, 0), numeric: true },
  { key: 'hbmBwGBps', label: 'Mem BW', unit: 'GB/s', tip: 'Peak memory bandwidth', render: (g) => fmtNumber(g.hbmBwGBps, 0), numeric: true },
  { key: 'bf16Tflops', label: 'BF16', unit: 'TFLOP/s', tip: 'Dense BF16 tensor throughput (FP16 where there is no BF16), no sparsity', render: (g) => fmtNumber(g.bf16Tflops, 0), numeric: true },
  { key: 'fp8Tflops', label: 'FP8', unit: 'TFLOP/s', tip: 'Dense FP8 tensor throughput; — where unsupported', render: (g) => fmtNumber(g.fp8Tflops, 0), numeric: true },
  { key: 'int8Tops', label: 'INT8', unit: 'TOPS', tip: 'Dense INT8 tensor throughput; — where unsupported', render: (g) => fmtNumber(g.int8Tops, 0), numeric: true },
  { key: 'tdpW', label: 'TDP', unit: 'W', tip: 'Board power', render: (g) => fmtNumber(g.tdpW, 0), numeric: true },
  { key: 'intraNodeBwGBps', label: 'Intra-node', unit: 'GB/s', tip: 'Scale-up bandwidth per GPU per direction; hover a value for the interconnect', render: (g) => fmtNumber(g.intraNodeBwGBps, 0), numeric: true },
  { key: 'defaultUsdPerGpuHour', label: 'Price', unit: '$/GPU-h', tip: 'Median public on-demand price; — where none is known', render: (g) => (g.defaultUsdPerGpuHour === null ? '—' : fmtUsd(g.defaultUsdPerGpuHour)), numeric: true },
  { key: 'year', label: 'Year', tip: 'Year of release', render: (g) => (g.year === null ? '—' : String(g.year)), numeric: true },
  {
    key: 'calibration', label: 'Figures', tip: 'Where its serving figures come from: measured (fleetplan’s runs or your imports, Calibrate screen), public serving numbers, or the datasheet only',
    render: (g) => FIGURES[g.calibration ?? 'datasheet-only'],
  },
];

const FIGURES: Record<NonNullable<GpuType['calibration']>, string> = { measured: 'measured', public: 'public data', 'datasheet-only': 'datasheet only' };

/** Full text behind truncated or summarised cells: the id behind the name, the wiring behind the bandwidth. */
function cellTitle(key: GpuSortKey, g: GpuType): string | undefined {
  if (key === 'name') return `${g.name}\nid: ${g.id}`;
  if (key === 'intraNodeBwGBps') return g.interconnect || undefined;
  return undefined;
}

export function GpuCatalogView() {
  const { gpus } = useShell();
  const [sort, setSort] = useState<{ key: GpuSortKey; dir: SortDir }>({ key: 'bf16Tflops', dir: 'desc' });
  const [query, setQuery] = useState('');
  const rows = useMemo(() => sortGpus(filterGpus(gpus, query), sort.key, sort.dir), [gpus, query, sort]);
  return (
    <div className="catalog">
      <div className="toolbar">
        <input type="search" className="search" placeholder="Filter: vendor, name, id, interconnect" value={query}
          onChange={(e) => setQuery(e.target.value)} aria-label="Filter GPU types" data-testid="catalog-filter" />
        <span className="muted small">
          {rows.length} of {gpus.length} GPU types · click a header to sort · numbers are dense (no sparsity), per GPU
        </span>
      </div>
      <div className="table-scroll">
        <table className="grid catalog-table" data-testid="catalog-table">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined}
                  aria-sort={sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
                  <button type="button" className="sort-button" onClick={() => setSort((s) => nextSort(s, c.key))} data-tip={c.tip} data-testid={`sort-${c.key}`}>
                    <span className="th-label">
                      {c.label}
                      <span className="sort-mark" aria-hidden="true">{sort.key === c.key ? (sort.dir === 'asc' ? '▲' : '▼') : ''}</span>
                    </span>
                    <span className="unit th-unit">{c.unit ?? '\u00a0'}</span>
                  </button>
                </th>
              ))}
              <th scope="col">
                <span className="th-stack">
                  <span className="th-label">Source</span>
                  <span className="unit th-unit">hover a cell for the full text</span>
                </span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((g) => (
              <tr key={g.id} data-testid="catalog-row">
                {COLUMNS.map((c) => (
                  <td key={c.key} className={c.numeric ? 'num' : c.key === 'name' ? 'name-cell' : undefined} title={cellTitle(c.key, g)}>
                    {c.render(g)}
                    {c.key === 'name' && !g.builtin && <span className="badge">custom</span>}
                  </td>
                ))}
                <td className="truncate source" title={g.source} tabIndex={0} aria-label={`Source: ${g.source}`}>{g.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
