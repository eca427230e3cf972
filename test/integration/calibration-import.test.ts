// Import → fit → store on a real SQLite file, with fleetplan's own H200 device run (a GPU the defaults were
// not fitted on): the held-out error must fall, the record must be what calibrationFor applies, a refused
// file must leave nothing behind, and revert must go back to the shipped state.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listCalibrations } from '../../db/queries/calibrations';
import { describeError } from '../../main/domain/errors';
import { assetsDir } from '../../main/paths';
import { calibrationFor } from '../../main/services/calibration/active';
import { importCalibration } from '../../main/services/calibration/import';
import { revertCalibration } from '../../main/services/calibration/revert';
import { openAppDatabase } from '../../main/services/seed';
import { tempDir } from '../helpers/tmp';

const h200 = readFileSync(join(assetsDir(), 'calibration/measured/h200_iteration.csv'), 'utf8');
let cleanup = () => {};
afterEach(() => cleanup());

function open() {
  const t = tempDir();
  const db = openAppDatabase(t.dir, assetsDir(), () => new Date(0));
  cleanup = () => {
    db.close();
    t.cleanup();
  };
  return db;
}

describe('calibration import', () => {
  it('fits the H200 run: held-out error falls, the record is stored active and is what runs apply', () => {
    const db = open();
    const { calibration, fit } = importCalibration(db, [{ name: 'h200_iteration.csv', text: h200 }], {
      gpuTypeId: 'nvidia-h200-sxm', now: '2026-12-03T07:00:00Z', createdBy: 'test', holdOut: { kind: 'auto', fraction: 0.3 },
    });
    expect(fit.before.heldOut.n).toBeGreaterThan(15);
    expect(fit.after.heldOut.median).toBeLessThan(fit.before.heldOut.median / 2);
    expect(fit.after.heldOut.mean).toBeLessThan(fit.before.heldOut.mean);
    expect(fit.fitted).toEqual(['computeScale', 'memoryScale']); // GPU-only timings say nothing of host time
    expect(calibration).toMatchObject({ gpuTypeId: 'nvidia-h200-sxm', engine: '', origin: 'import', active: true, createdBy: 'test' });
    expect(calibration.sourceFiles).toEqual([{ name: 'h200_iteration.csv', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), points: 72 }]);

    const applied = calibrationFor(db, 'nvidia-h200-sxm', 'vllm'); // no vllm-specific record: the any-engine one
    expect(applied?.id).toBe(calibration.id);
    expect(applied?.params).toEqual(fit.params);
    expect(applied?.label).toMatch(new RegExp(`^calibration #${calibration.id} \\(import, held-out error \\d+\\.\\d%\\)$`));
    expect(calibrationFor(db, 'nvidia-h100-sxm')?.id).not.toBe(calibration.id); // per GPU type

    // Revert: nothing is shipped for the H200's any-engine profile, so runs are back on the defaults.
    revertCalibration(db, 'nvidia-h200-sxm', '');
    expect(calibrationFor(db, 'nvidia-h200-sxm')).toBeNull();
    expect(listCalibrations(db, 'nvidia-h200-sxm').filter((c) => c.origin === 'import')).toHaveLength(1); // kept as a version
  });

  it('seeds the shipped public calibration; an import overrides it and revert brings it back', () => {
    const db = open();
    const shipped = calibrationFor(db, 'amd-mi300x');
    expect(shipped).toMatchObject({ origin: 'shipped', engine: '' });
    expect(shipped!.label).toMatch(/^calibration #\d+ \(shipped, held-out error \d+\.\d%\)$/);
    const text = readFileSync(join(assetsDir(), 'calibration/public/amd-mi300x.csv'), 'utf8');
    const { calibration } = importCalibration(db, [{ name: 'mine.csv', text }], { gpuTypeId: 'amd-mi300x', engine: '', now: 't' });
    expect(calibrationFor(db, 'amd-mi300x')?.id).toBe(calibration.id);
    expect(revertCalibration(db, 'amd-mi300x', '')?.id).toBe(shipped!.id);
    expect(calibrationFor(db, 'amd-mi300x')?.id).toBe(shipped!.id);
  });

  it('refuses a file with one bad row whole, storing nothing', () => {
    const db = open();
    const lines = h200.split('\n');
    lines[40] = lines[40].replace(/,(\d+\.\d+),(\d+),/, ',-3,$2,');
    const count = () => listCalibrations(db).length;
    const n0 = count();
    let message = '';
    try {
      importCalibration(db, [{ name: 'good.csv', text: h200 }, { name: 'bad.csv', text: lines.join('\n') }], { gpuTypeId: 'nvidia-h200-sxm', now: 't' });
    } catch (e) {
      message = describeError(e);
    }
    expect(message).toBe('bad.csv, line 41: ms: must be a positive number, got "-3"');
    expect(count()).toBe(n0);
  });

  it('refuses a file whose engine differs from the one asked for, and an unknown GPU type', () => {
    const db = open();
    const sglang = readFileSync(join(__dirname, '../fixtures/calibration/sglang-bench.jsonl'), 'utf8');
    expect(() => importCalibration(db, [{ name: 's.jsonl', text: sglang }], { gpuTypeId: 'nvidia-h100-sxm', engine: 'vllm', model: 'meta-llama/Llama-2-7b-hf', now: 't' }))
      .toThrow(/says engine "sglang", not "vllm"/);
    expect(() => importCalibration(db, [{ name: 's.jsonl', text: sglang }], { gpuTypeId: 'no-such-gpu', now: 't' })).toThrow(/GPU type "no-such-gpu" does not exist/);
    expect(listCalibrations(db).filter((c) => c.origin === 'import')).toHaveLength(0);
  });

  it("resolves a vllm result's -Instruct model to the catalog's base model; a model the catalog lacks is refused by file, line and field", () => {
    const db = open();
    const append = readFileSync(join(__dirname, '../fixtures/calibration/vllm-append.json'), 'utf8');
    expect(append).toContain('"model_id": "meta-llama/Llama-3.1-8B-Instruct"');
    const { calibration, fit } = importCalibration(db, [{ name: 'vllm-append.json', text: append }], { gpuTypeId: 'nvidia-h100-sxm', now: 't' });
    expect(calibration).toMatchObject({ gpuTypeId: 'nvidia-h100-sxm', engine: 'vllm', origin: 'import', sourceFiles: [{ name: 'vllm-append.json', points: 3 }] });
    expect(fit.rows.length).toBeGreaterThanOrEqual(3);
    const n0 = listCalibrations(db).length;
    const other = append.split('\n')[0].replaceAll('meta-llama/Llama-3.1-8B-Instruct', 'acme/Unknown-9B-Instruct');
    let message = '';
    try {
      importCalibration(db, [{ name: 'other.json', text: other }], { gpuTypeId: 'nvidia-h100-sxm', now: 't' });
    } catch (e) {
      message = describeError(e);
    }
    expect(message).toMatch(/^other\.json, line \d+: model: Model "acme\/Unknown-9B-Instruct" is not in the catalog/);
    expect(listCalibrations(db).length).toBe(n0);
  });
});
