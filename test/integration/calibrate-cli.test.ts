// `fleetplan calibrate` end to end through main(): import a measurement file into a data folder, list it,
// revert it; a bad file exits 3 naming file, line and field, and leaves the list as it was.
import { readFile } from 'node:fs/promises';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../main/cli';
import { assetsDir } from '../../main/paths';
import { tempDir } from '../helpers/tmp';

let cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
});

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), readFile: (p) => readFile(p, 'utf8') });
  return { code, stdout, stderr };
}

describe('fleetplan calibrate', () => {
  it('imports, lists and reverts a calibration; a bad file exits 3 and stores nothing', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const d = ['--data-dir', t.dir];
    const file = join(assetsDir(), 'calibration/measured/h200_iteration.csv');

    const imported = await cli(['calibrate', 'import', file, '--gpu', 'nvidia-h200-sxm', '--holdout-fraction', '0.3', ...d]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const id = /^calibration #(\d+) for nvidia-h200-sxm, now active/.exec(imported.stdout)?.[1];
    expect(id).toBeDefined();
    const median = (label: string) => Number(new RegExp(`${label} +n= *\\d+ +median +([\\d.]+)%`).exec(imported.stdout)?.[1]);
    expect(median('after, held out')).toBeLessThan(median('before, held out'));

    const listed = await cli(['calibrate', 'list', '--gpu', 'nvidia-h200-sxm', ...d]);
    expect(listed.stdout).toMatch(new RegExp(`^#${id}\tnvidia-h200-sxm\t\\(any engine\\)\timport\tactive\t`, 'm'));

    const bad = join(t.dir, 'bad.csv');
    writeFileSync(bad, (await readFile(file, 'utf8')).replace('prefill-256,256@0,0,0,9.4908', 'prefill-256,256@0,0,0,fast'));
    const refused = await cli(['calibrate', 'import', bad, '--gpu', 'nvidia-h200-sxm', ...d]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toBe('fleetplan calibrate: bad.csv, line 4: ms: must be a positive number, got "fast"\n');
    expect((await cli(['calibrate', 'list', '--gpu', 'nvidia-h200-sxm', ...d])).stdout).toBe(listed.stdout);

    const reverted = await cli(['calibrate', 'revert', '--gpu', 'nvidia-h200-sxm', ...d]);
    expect(reverted.stdout).toMatch(/no calibration active/);
    expect((await cli(['calibrate', 'list', '--gpu', 'nvidia-h200-sxm', ...d])).stdout).toMatch(new RegExp(`^#${id}\t.*\timport\t-\t`, 'm'));

    expect((await cli(['calibrate', 'import', file, ...d])).code).toBe(2); // --gpu is required
  });
});
