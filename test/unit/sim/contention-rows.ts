// The H200 contention measurement (assets/calibration/measured/h200_contention*.csv, written by
// test/calibration/contention.py) as PhaseDemand pairs, shared by the unit test and the fit script.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PhaseDemand, SharedGpu } from '../../../main/sim/contention';

// Relative to the repository root, where vitest and the fit script run.
const dir = join('assets', 'calibration', 'measured');

export function table(name: string): Record<string, string>[] {
  const lines = readFileSync(join(dir, name), 'utf8').split(/\r?\n/).filter((l) => l.trim() && !l.startsWith('#'));
  const head = lines[0].split(',');
  return lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [head[i], v])));
}

export interface MeasuredPair {
  id: string;
  kind: 'kernel' | 'model';
  split: number;
  a: PhaseDemand;
  b: PhaseDemand;
  slowA: number;
  slowB: number;
  /** true for the rows the constants were fitted on; the others are held out. */
  fit: boolean;
}

/** The whole GPU from the solo table: copy bandwidth and GEMM rate over all 132 SMs. */
export function measuredGpu(): SharedGpu {
  const whole = table('h200_contention_solo.csv').filter((r) => r.kind === 'kernel' && r.side === 'whole');
  const of = (name: string) => whole.find((r) => r.name === name)!;
  return { hbmBytesPerS: +of('copy').gbps * 1e9, flopsPerS: +of('gemm').tflops * 1e12, sms: +of('copy').total_sms };
}

function phase(r: Record<string, string>, s: 'a' | 'b'): PhaseDemand {
  const seconds = +r[`${s}_solo_ms`] / 1e3;
  const bytes = +r[`${s}_bytes`];
  // Memory-bound share: the phase's own bytes/s over what a copy pulls on the same partition.
  const partitionCopy = +r[`${s}_copy_gbps`] * 1e9;
  return { soloSeconds: seconds, bytes, flops: +r[`${s}_flops`], sms: +r[`${s}_sms`], memoryBoundFraction: Math.min(1, bytes / seconds / partitionCopy) };
}

/** Fit set, chosen before fitting: kernel pairs at splits 40 and 96, whole-model pairs at 64; the rest held out. */
const isFit = (kind: string, split: number) => (kind === 'kernel' ? split === 40 || split === 96 : split === 64);

export function measuredPairs(file = 'h200_contention.csv'): MeasuredPair[] {
  return table(file)
    .filter((r) => r.partition === 'complementary')
    .map((r) => ({
      id: `${r.kind} ${r.a_name}@${r.a_sms} + ${r.b_name}@${r.b_sms}${r.kind === 'model' ? ` L=${r.prefill_len}` : ''}`,
      kind: r.kind as 'kernel' | 'model',
      split: +r.split_requested,
      a: phase(r, 'a'),
      b: phase(r, 'b'),
      slowA: +r.a_slowdown,
      slowB: +r.b_slowdown,
      fit: isFit(r.kind, +r.split_requested),
    }));
}

export function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
