// The shipped public calibrations: every CSV row cites its source and licence, calibrations.json is what
// refitting the CSVs gives today, the catalog marks exactly those GPU types "public", and each states its
// error on held-out points.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plainCsvSources, readPlainCsv } from '../../../../main/services/calibration/plain-csv';
import { fitPublicFile, loadShippedCalibrations, PUBLIC_CALIBRATION_FILES } from '../../../../main/services/calibration/public';
import { parseCsv } from '../../../../main/services/csv';
import { parseGpuCatalog } from '../../../../main/services/catalog';
import { modelFromConfig } from '../../../../main/sim/model';

const assets = join(__dirname, '../../../../assets');
const gpus = parseGpuCatalog(readFileSync(join(assets, 'hardware/gpus.csv'), 'utf8'));
const models = JSON.parse(readFileSync(join(assets, 'models/catalog.json'), 'utf8')) as { id: string; config: Record<string, unknown> }[];
const model = (id: string) => modelFromConfig(id, models.find((m) => m.id === id)!.config);
const shipped = loadShippedCalibrations(assets);

describe('shipped public calibrations', () => {
  it('cite a source and a licence on every row', () => {
    for (const file of Object.values(PUBLIC_CALIBRATION_FILES)) {
      const text = readFileSync(join(assets, 'calibration/public', file), 'utf8');
      const rows = parseCsv(text);
      const licence = rows[0].fields.indexOf('licence');
      expect(licence, file).toBeGreaterThan(0);
      expect(readPlainCsv(text, file).length).toBe(rows.length - 1);
      for (const [i, s] of plainCsvSources(text).entries()) {
        expect(s, `${file} row ${i + 2}`).toMatch(/^(Intel|AMD|NVIDIA), ".+" \(.+\)/);
        expect(rows[i + 1].fields[licence].length, `${file} row ${i + 2}`).toBeGreaterThan(20);
      }
    }
  });

  it('are what refitting the CSVs gives (calibrations.json is current)', () => {
    expect(shipped.map((c) => c.gpuTypeId).sort()).toEqual(Object.keys(PUBLIC_CALIBRATION_FILES).sort());
    for (const c of shipped) {
      const refit = fitPublicFile(assets, gpus.find((g) => g.id === c.gpuTypeId)!, model);
      expect(refit.sourceFile).toEqual(c.sourceFile);
      expect(refit.params.computeScale).toBeCloseTo(c.params.computeScale, 9);
      expect(refit.params.memoryScale).toBeCloseTo(c.params.memoryScale, 9);
      expect(refit.error.after.heldOut.median).toBeCloseTo(c.error.after.heldOut.median, 9);
    }
  });

  it('state a held-out error, and the catalog marks exactly these GPU types public', () => {
    for (const c of shipped) {
      expect(c.error.after.heldOut.n, c.gpuTypeId).toBeGreaterThan(0);
      expect(c.error.after.heldOut.mean, c.gpuTypeId).toBeLessThan(c.error.before.heldOut.mean);
    }
    expect(gpus.filter((g) => g.calibration === 'public').map((g) => g.id).sort()).toEqual(Object.keys(PUBLIC_CALIBRATION_FILES).sort());
  });
});
