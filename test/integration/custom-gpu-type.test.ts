// A user's own GPU type on a real SQLite file: created, edited in place (FP4 peak included), refused for a
// shipped row, deleted; its calibrations go with it.
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDatabase } from '../../db';
import { insertCalibration, listCalibrations } from '../../db/queries/calibrations';
import { deleteCustomGpuType, getGpuType, insertCustomGpuType, updateCustomGpuType, upsertGpuTypes } from '../../db/queries/catalog';
import type { GpuType } from '../../main/domain';
import { tempDir } from '../helpers/tmp';

let cleanup = () => {};
afterEach(() => cleanup());

const mine: GpuType = {
  id: 'lab-x1', vendor: 'Lab', name: 'X1', memoryGb: 96, hbmBwGBps: 3000, bf16Tflops: 500, fp8Tflops: 1000, int8Tops: null,
  tdpW: 600, interconnect: 'PCIe Gen5 x16', intraNodeBwGBps: 64, year: 2026, source: 'our lab', defaultUsdPerGpuHour: null, builtin: false,
};

it('edits and deletes a custom GPU type, never a shipped one', () => {
  const t = tempDir();
  const db = openDatabase(join(t.dir, 'c.sqlite'));
  cleanup = () => {
    db.close();
    t.cleanup();
  };
  upsertGpuTypes(db, [{ ...mine, id: 'shipped-y', builtin: true, calibration: 'public' }]);
  insertCustomGpuType(db, mine);
  expect(getGpuType(db, 'lab-x1')).toMatchObject({ fp4Tflops: null, calibration: 'datasheet-only', builtin: false });

  expect(updateCustomGpuType(db, { ...mine, name: 'X1 rev B', hbmBwGBps: 3600, fp4Tflops: 2000 })).toBe(true);
  expect(getGpuType(db, 'lab-x1')).toMatchObject({ name: 'X1 rev B', hbmBwGBps: 3600, fp4Tflops: 2000 });
  expect(updateCustomGpuType(db, { ...mine, id: 'shipped-y', name: 'hacked' })).toBe(false);
  expect(getGpuType(db, 'shipped-y')).toMatchObject({ name: 'X1', calibration: 'public' });

  insertCalibration(db, { gpuTypeId: 'lab-x1', engine: '', origin: 'import', createdAt: 't', createdBy: '', sourceFiles: [], params: {}, error: {} });
  expect(deleteCustomGpuType(db, 'lab-x1')).toBe(true);
  expect(getGpuType(db, 'lab-x1')).toBeUndefined();
  expect(listCalibrations(db, 'lab-x1')).toEqual([]);
});
