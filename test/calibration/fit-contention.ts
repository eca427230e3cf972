// Fits main/sim/contention.ts's three coupling constants to the H200 contention rows and prints predicted vs
// measured (a markdown table, for docs/contention.md).
//   npx esbuild test/calibration/fit-contention.ts --bundle --platform=node --outfile=/tmp/fitc.cjs && node /tmp/fitc.cjs
// Grid search (steps of 0.02) on the sum of squared log errors of the fit rows (test/unit/sim/contention-rows.ts
// names them); the held-out rows only report. Copy the printed constants into H200_CONTENTION.
import { contentionSlowdowns, type ContentionConstants } from '../../main/sim/contention';
import { measuredGpu, measuredPairs, median, type MeasuredPair } from '../unit/sim/contention-rows';

const gpu = measuredGpu();
const pairs = measuredPairs();

function errors(k: ContentionConstants, rows: MeasuredPair[]): number[] {
  return rows.flatMap((p) => {
    const s = contentionSlowdowns(p.a, p.b, gpu, k);
    return [Math.log(s.a / p.slowA), Math.log(s.b / p.slowB)];
  });
}

const grid = (hi: number) => Array.from({ length: Math.round(hi / 0.02) + 1 }, (_, i) => i * 0.02);

const fitRows = pairs.filter((p) => p.fit);
let best = { loss: Infinity, k: { computeByNeighbourCompute: 0, computeByNeighbourBandwidth: 0, memoryByNeighbourCompute: 0 } };
for (const c of grid(1)) {
  for (const bw of grid(1.5)) {
    for (const m of grid(0.6)) {
      const k = { computeByNeighbourCompute: c, computeByNeighbourBandwidth: bw, memoryByNeighbourCompute: m };
      const loss = errors(k, fitRows).reduce((s, e) => s + e * e, 0);
      if (loss < best.loss) best = { loss, k };
    }
  }
}
const k = best.k;
console.log('constants', JSON.stringify(k));
const rel = (rows: MeasuredPair[]) => errors(k, rows).map((e) => Math.abs(Math.exp(e) - 1));
for (const [name, rows] of [['fit', fitRows], ['held out', pairs.filter((p) => !p.fit)]] as const) {
  const e = rel(rows);
  console.log(`${name}: ${e.length} slowdowns, median |error| ${(100 * median(e)).toFixed(1)}%, max ${(100 * Math.max(...e)).toFixed(1)}%`);
}
console.log('\n| pair | set | measured a / b | predicted a / b |\n| --- | --- | --- | --- |');
for (const p of pairs) {
  const s = contentionSlowdowns(p.a, p.b, gpu, k);
  console.log(`| ${p.id} | ${p.fit ? 'fit' : 'held out'} | ${p.slowA.toFixed(2)} / ${p.slowB.toFixed(2)} | ${s.a.toFixed(2)} / ${s.b.toFixed(2)} |`);
}
