// The Calibrate screen's tables from a real fit: import the H200 device run into a fresh database and read
// the record the screen gets (calibration.list's view) through the screen's formatting.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assetsDir } from '../../../main/paths';
import { importCalibration } from '../../../main/services/calibration/import';
import { calibrationViews } from '../../../main/services/calibration/view';
import { openAppDatabase } from '../../../main/services/seed';
import { appliedText, pointRows, ratioPoints, summaryRows } from '../../../renderer/src/features/calibrate/before-after';
import { tempDir } from '../../helpers/tmp';

const t = tempDir();
const db = openAppDatabase(t.dir, assetsDir(), () => new Date(0));
afterAll(() => {
  db.close();
  t.cleanup();
});

describe('Calibrate screen tables', () => {
  it('summarise held-out then fitted points, list every figure with its unit, and say what runs use', () => {
    expect(appliedText(calibrationViews(db, 'nvidia-h200-sxm'))).toMatch(/^datasheet only/);
    const text = readFileSync(join(assetsDir(), 'calibration/measured/h200_iteration.csv'), 'utf8');
    const { calibration, fit } = importCalibration(db, [{ name: 'h200.csv', text }], { gpuTypeId: 'nvidia-h200-sxm', now: 't' });
    const [view] = calibrationViews(db, 'nvidia-h200-sxm');
    expect(view.id).toBe(calibration.id);

    const [held, fitted] = summaryRows(view);
    expect(held).toMatchObject({ set: 'held out', n: fit.after.heldOut.n, before: fit.before.heldOut, after: fit.after.heldOut });
    expect(fitted).toMatchObject({ set: 'fitted', n: fit.after.train.n });

    const rows = pointRows(view);
    expect(rows).toHaveLength(fit.rows.length);
    const firstFitted = rows.findIndex((r) => !r.heldOut);
    expect(rows.slice(0, firstFitted).every((r) => r.heldOut) && rows.slice(firstFitted).every((r) => !r.heldOut)).toBe(true);
    const src = fit.rows.find((r) => r.point === rows[0].point)!;
    expect(rows[0].metric).toBe('iteration time');
    expect(rows[0].measured).toBe(`${(src.measured * 1000).toFixed(3)} ms`);
    expect(rows[0].errorAfter).toBe(`${(Math.abs(src.after / src.measured - 1) * 100).toFixed(1)}%`);

    const ratios = ratioPoints(view);
    expect(ratios.after.map((p) => p.point)).toEqual(rows.map((r) => `${r.point} ${r.metric}`));
    expect(ratios.after[0].ratio).toBeCloseTo(src.after / src.measured, 12);
    expect(ratios.before[0].ratio).toBeCloseTo(src.before / src.measured, 12);

    expect(appliedText(calibrationViews(db, 'nvidia-h200-sxm'))).toBe(
      `calibration #${calibration.id} (import), held-out error ${(fit.after.heldOut.median * 100).toFixed(1)}%`);
  });
});
