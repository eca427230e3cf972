// The H200 solo rows (h200_contention_solo.csv) as the partition model sees them, shared by
// sm-partition.test.ts and test/calibration/fit-sm-partition.ts. The whole-model rows are predicted from the
// catalog cost model's demand split of the same shapes (Llama-3-8B: decode 64 x 2,048, prefill 512-8,192).
import { loadGpuCatalog, loadModelCatalog } from '../../../main/services/seed';
import { contentionSlowdowns } from '../../../main/sim/contention';
import { lonePrefill } from '../../../main/sim/costmodel';
import { catalogEnv, instanceOf } from '../../../main/sim/scenarios/env';
import { emptyPhase, partitionGpu, phaseOnPartition, smLayoutOf, type PartitionConstants } from '../../../main/sim/sm-partition';
import { nexusGpuOf } from '../../../main/sim/strategies/nexus-model';
import type { BatchAggregate } from '../../../main/sim/types';
import { table } from './contention-rows';

export function kernelSolo(name: 'copy' | 'gemm'): { sms: number; gbps: number; smMhz: number }[] {
  return table('h200_contention_solo.csv').filter((r) => r.kind === 'kernel' && r.name === name).map((r) => ({ sms: +r.sms, gbps: +r.gbps, smMhz: +r.sm_mhz }));
}

const env = catalogEnv(loadGpuCatalog('assets'), loadModelCatalog('assets'));
export const H200_ID = 'nvidia-h200-sxm';
export const h200Llama = () => instanceOf(env, H200_ID, 'meta-llama/Meta-Llama-3-8B').cm;
export const catalogGpu = (id: string) => env.gpu(id);
export const costModelOf = (gpu: string, model: string) => instanceOf(env, gpu, model).cm;

export const decodeBatch = (b: number, ctx: number): BatchAggregate => ({ prefillSeqs: 0, prefillTokens: 0, prefillAttnPairs: 0, prefillKvTokens: 0, decodeSeqs: b, decodeKvTokens: b * ctx });

function shapeOf(r: Record<string, string>): BatchAggregate {
  return r.name === 'decode' ? decodeBatch(+r.decode_batch, +r.decode_ctx) : lonePrefill(+r.prefill_len);
}

/** Every whole-model solo row on a partition: measured and predicted time relative to all 132 SMs. */
export function modelSoloErrors(k: PartitionConstants): { name: string; sms: number; measured: number; predicted: number; err: number }[] {
  const rows = table('h200_contention_solo.csv').filter((r) => r.kind === 'model');
  const g = catalogGpu(H200_ID);
  const base = nexusGpuOf(H200_ID, g.hbmBwGBps * 1e9, g.bf16Tflops * 1e12);
  const gpu = partitionGpu(base.layout, base.copyBytesPerS, base.flopsPerS, k);
  const cm = h200Llama();
  const d = new Float64Array(5);
  const ph = emptyPhase();
  return rows.filter((r) => r.side !== 'whole').map((r) => {
    const whole = rows.find((x) => x.side === 'whole' && x.name === r.name && x.prefill_len === r.prefill_len)!;
    cm.iterationDemandInto!(shapeOf(r), d);
    phaseOnPartition(d, +r.sms, gpu, ph);
    const predicted = (ph.fixedSeconds + ph.soloSeconds) / d[0];
    const measured = +r.ms / +whole.ms;
    return { name: r.name === 'decode' ? `decode ${r.decode_batch}x${r.decode_ctx}` : `prefill ${r.prefill_len}`, sms: +r.sms, measured, predicted, err: Math.abs(predicted / measured - 1) };
  });
}

/**
 * Every whole-model pair of h200_contention.csv predicted end to end as Nexus times it: the cost model's
 * demand split, scaled to each side's partition, slowed by contention.ts; each side's slowdown over the whole
 * iteration (its fixed seconds included).
 */
export function modelPairErrors(file = 'h200_contention.csv'): { id: string; measured: number; predicted: number; err: number }[] {
  const g = catalogGpu(H200_ID);
  const gpu = nexusGpuOf(H200_ID, g.hbmBwGBps * 1e9, g.bf16Tflops * 1e12);
  const cm = h200Llama();
  const dd = new Float64Array(5);
  const dp = new Float64Array(5);
  const a = emptyPhase();
  const b = emptyPhase();
  const layout = smLayoutOf(H200_ID);
  return table(file).filter((r) => r.kind === 'model' && r.partition === 'complementary').flatMap((r) => {
    cm.iterationDemandInto!(decodeBatch(64, 2048), dd);
    cm.iterationDemandInto!(lonePrefill(+r.prefill_len), dp);
    phaseOnPartition(dd, +r.a_sms, gpu, a);
    phaseOnPartition(dp, +r.b_sms, gpu, b);
    const s = contentionSlowdowns(a, b, { ...gpu.shared, sms: layout.sms });
    const whole = (p: typeof a, x: number) => (p.fixedSeconds + p.soloSeconds * x) / (p.fixedSeconds + p.soloSeconds);
    const id = `@${r.a_sms}/${r.b_sms} L=${r.prefill_len}`;
    const pa = whole(a, s.a);
    const pb = whole(b, s.b);
    return [
      { id: `decode ${id}`, measured: +r.a_slowdown, predicted: pa, err: Math.abs(pa / +r.a_slowdown - 1) },
      { id: `prefill ${id}`, measured: +r.b_slowdown, predicted: pb, err: Math.abs(pb / +r.b_slowdown - 1) },
    ];
  });
}
