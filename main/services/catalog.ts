// The shipped GPU catalog (assets/hardware/gpus.csv) and public prices (gpu_prices.csv) as GpuType rows.
import type { CalibrationState, GpuType } from '../domain';
import { invalid } from '../domain/errors';
import { parseCsv } from './csv';

const GPU_COLUMNS = [
  'id', 'vendor', 'name', 'memory_gb', 'hbm_bw_gbps', 'bf16_dense_tflops', 'fp8_dense_tflops',
  'int8_dense_tops', 'tdp_w', 'interconnect', 'intra_node_bw_gbps', 'year', 'source',
] as const;
// Added in the 2026 refresh; a catalog file without them still loads (no FP4 peak, datasheet only).
const OPTIONAL_GPU_COLUMNS = ['fp4_dense_tflops', 'calibration'] as const;
const CALIBRATION_STATES: readonly CalibrationState[] = ['measured', 'public', 'datasheet-only'];

function columnIndex(header: string[], file: string, wanted: readonly string[]): Record<string, number> {
  const idx: Record<string, number> = {};
  for (const col of wanted) {
    const i = header.indexOf(col);
    if (i < 0) throw invalid(`missing column "${col}"`, { file, line: 1, field: col });
    idx[col] = i;
  }
  return idx;
}

function num(text: string, file: string, line: number, field: string, optional: boolean): number | null {
  const t = text.trim();
  if (t === '') {
    if (optional) return null;
    throw invalid('is required', { file, line, field });
  }
  const v = Number(t);
  if (!Number.isFinite(v)) throw invalid(`"${t}" is not a number`, { file, line, field });
  return v;
}

/** Median on-demand price per GPU id; reserved and capacity-block offers are left out of the default. */
export function parseGpuPrices(csvText: string, file = 'gpu_prices.csv'): Map<string, number> {
  const rows = parseCsv(csvText);
  if (rows.length === 0) return new Map();
  const idx = columnIndex(rows[0].fields, file, ['gpu_id', 'usd_per_gpu_hour', 'pricing_type']);
  const byGpu = new Map<string, number[]>();
  for (const r of rows.slice(1)) {
    if (!/on-demand/.test(r.fields[idx.pricing_type] ?? '')) continue;
    const price = num(r.fields[idx.usd_per_gpu_hour] ?? '', file, r.line, 'usd_per_gpu_hour', false)!;
    const id = r.fields[idx.gpu_id];
    byGpu.set(id, [...(byGpu.get(id) ?? []), price]);
  }
  const medians = new Map<string, number>();
  for (const [id, prices] of byGpu) {
    const s = [...prices].sort((a, b) => a - b);
    const m = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    medians.set(id, Math.round(m * 1000) / 1000);
  }
  return medians;
}

export function parseGpuCatalog(csvText: string, prices: Map<string, number> = new Map(), file = 'gpus.csv'): GpuType[] {
  const rows = parseCsv(csvText);
  if (rows.length === 0) throw invalid('the file is empty', { file });
  const idx = columnIndex(rows[0].fields, file, GPU_COLUMNS);
  const header = rows[0].fields;
  const fp4At = header.indexOf(OPTIONAL_GPU_COLUMNS[0]);
  const calibrationAt = header.indexOf(OPTIONAL_GPU_COLUMNS[1]);
  const seen = new Set<string>();
  return rows.slice(1).map((r) => {
    const f = (c: (typeof GPU_COLUMNS)[number]) => r.fields[idx[c]] ?? '';
    const n = (c: (typeof GPU_COLUMNS)[number], optional = false) => num(f(c), file, r.line, c, optional);
    const id = f('id').trim();
    if (!/^[a-z0-9][a-z0-9.-]*$/.test(id)) throw invalid(`"${id}" is not a valid GPU id`, { file, line: r.line, field: 'id' });
    if (seen.has(id)) throw invalid(`duplicate GPU id "${id}"`, { file, line: r.line, field: 'id' });
    seen.add(id);
    const calibration = (calibrationAt < 0 ? '' : (r.fields[calibrationAt] ?? '').trim()) || 'datasheet-only';
    if (!CALIBRATION_STATES.includes(calibration as CalibrationState)) {
      throw invalid(`"${calibration}" is not one of ${CALIBRATION_STATES.join(', ')}`, { file, line: r.line, field: 'calibration' });
    }
    return {
      id,
      vendor: f('vendor'),
      name: f('name'),
      memoryGb: n('memory_gb')!,
      hbmBwGBps: n('hbm_bw_gbps')!,
      bf16Tflops: n('bf16_dense_tflops')!,
      fp8Tflops: n('fp8_dense_tflops', true),
      int8Tops: n('int8_dense_tops', true),
      fp4Tflops: fp4At < 0 ? null : num(r.fields[fp4At] ?? '', file, r.line, 'fp4_dense_tflops', true),
      calibration: calibration as CalibrationState,
      tdpW: n('tdp_w')!,
      interconnect: f('interconnect'),
      intraNodeBwGBps: n('intra_node_bw_gbps')!,
      year: n('year', true),
      source: f('source'),
      defaultUsdPerGpuHour: prices.get(id) ?? null,
      builtin: true,
    };
  });
}
