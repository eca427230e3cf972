// Refits the public calibrations (assets/calibration/public/*.csv) and writes calibrations.json, then prints
// each GPU type's error on its held-out points before and after. Run after editing a CSV:
//   npx esbuild test/calibration/fit-public.ts --bundle --platform=node --outfile=/tmp/fit-public.cjs && node /tmp/fit-public.cjs
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fitPublicFile, publicDir, PUBLIC_CALIBRATION_FILES } from '../../main/services/calibration/public';
import { parseGpuCatalog } from '../../main/services/catalog';
import { modelFromConfig } from '../../main/sim/model';

const assets = join(process.cwd(), 'assets');
const gpus = parseGpuCatalog(readFileSync(join(assets, 'hardware/gpus.csv'), 'utf8'));
const models = JSON.parse(readFileSync(join(assets, 'models/catalog.json'), 'utf8')) as { id: string; config: Record<string, unknown> }[];
const model = (id: string) => {
  const m = models.find((x) => x.id === id);
  if (!m) throw new Error(`model ${id} is not in assets/models/catalog.json`);
  return modelFromConfig(id, m.config);
};
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const out = Object.keys(PUBLIC_CALIBRATION_FILES).sort().map((id) => {
  const c = fitPublicFile(assets, gpus.find((g) => g.id === id)!, model);
  const { before, after } = c.error;
  console.log(`${id}: ${c.sourceFile.points} points, compute x${c.params.computeScale.toFixed(3)} memory x${c.params.memoryScale.toFixed(3)}; `
    + `held-out (n=${after.heldOut.n}) median ${pct(before.heldOut.median)} -> ${pct(after.heldOut.median)}, mean ${pct(before.heldOut.mean)} -> ${pct(after.heldOut.mean)}`);
  return c;
});
writeFileSync(join(publicDir(assets), 'calibrations.json'), JSON.stringify(out, null, 1) + '\n');
