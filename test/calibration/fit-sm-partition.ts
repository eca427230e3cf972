// Fits main/sim/sm-partition.ts's H200_PARTITION to the H200 kernel rows of h200_contention_solo.csv and prints
// the whole-model rows (held out) predicted from the cost model's demand split against the measurement.
//   npx esbuild test/calibration/fit-sm-partition.ts --bundle --platform=node --outfile=/tmp/fitp.cjs \
//     --external:better-sqlite3 --loader:.sql=text && node /tmp/fitp.cjs
// Grid searches on squared log error: the copy rows for perSmBytesPerS (steps of 0.5 GB/s) and the knee q
// (2, 3, 4, 6); the GEMM rows' SM clock for the clock knee (steps of 0.005 of the SMs) and exponent (0.01).
import { H200_PARTITION, partitionBandwidth, partitionClock } from '../../main/sim/sm-partition';
import { median } from '../unit/sim/contention-rows';
import { kernelSolo, modelSoloErrors } from '../unit/sim/sm-partition-rows';

const copy = kernelSolo('copy');
const gemm = kernelSolo('gemm');
const whole = copy.find((r) => r.sms === 132)!.gbps * 1e9;

let bw = { loss: Infinity, perSm: 0, q: 0 };
for (const q of [2, 3, 4, 6]) {
  for (let perSm = 40e9; perSm <= 100e9; perSm += 0.5e9) {
    const k = { ...H200_PARTITION, perSmBytesPerS: perSm, bandwidthKnee: q };
    const loss = copy.reduce((s, r) => s + Math.log(partitionBandwidth(r.sms, whole, k) / (r.gbps * 1e9)) ** 2, 0);
    if (loss < bw.loss) bw = { loss, perSm, q };
  }
}
let clk = { loss: Infinity, knee: 0, exp: 0 };
for (let knee = 0.3; knee <= 0.8; knee += 0.005) {
  for (let exp = 0.05; exp <= 1; exp += 0.01) {
    const k = { ...H200_PARTITION, clockKneeShare: knee, clockExponent: exp };
    const loss = gemm.reduce((s, r) => s + Math.log((1980 * partitionClock(r.sms, 1, 132, k)) / r.smMhz) ** 2, 0);
    if (loss < clk.loss) clk = { loss, knee, exp };
  }
}
console.log('constants', JSON.stringify({ perSmBytesPerS: bw.perSm, bandwidthKnee: bw.q, clockKneeShare: +clk.knee.toFixed(3), clockExponent: +clk.exp.toFixed(2) }));
const e = modelSoloErrors(H200_PARTITION);
console.log(`whole-model rows (held out), H200_PARTITION as shipped: ${e.length}, median ${(100 * median(e.map((x) => x.err))).toFixed(1)}%, worst ${(100 * Math.max(...e.map((x) => x.err))).toFixed(1)}%`);
console.log('\n| phase | SMs | measured × | predicted × |\n| --- | --- | --- | --- |');
for (const x of e) console.log(`| ${x.name} | ${x.sms} | ${x.measured.toFixed(2)} | ${x.predicted.toFixed(2)} |`);
