// `fleetplan calibrate import|list|revert`: per-GPU calibrations from measurement files, the same service the
// app's Calibrate screen calls.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { listCalibrations } from '../../db/queries/calibrations';
import { describeError } from '../domain/errors';
import { assetsDir, resolveDataDir } from '../paths';
import type { FitResult, HoldOut } from '../services/calibration/fit';
import { importCalibration } from '../services/calibration/import';
import { MEASUREMENT_FORMATS, type MeasurementFormat } from '../services/calibration/read';
import { revertAllCalibrations, revertCalibration } from '../services/calibration/revert';
import { openAppDatabase } from '../services/seed';
import { defineCommand, type Flags, type Parsed } from './command';
import { EXIT, type CliIo } from './io';

export const usage = `usage: fleetplan calibrate import <file>... --gpu ID [--engine E] [--model HF_ID] [--tp N]
         [--format ${MEASUREMENT_FORMATS.join('|')}] [--holdout FILE:LINE,...] [--holdout-fraction F] [--json] [--data-dir DIR]
       fleetplan calibrate list [--gpu ID] [--data-dir DIR]
       fleetplan calibrate revert --gpu ID [--engine E] [--data-dir DIR]`;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The before/after table a planner reads: median and mean error, fitted and held-out points. */
export function fitTable(fit: FitResult): string {
  const line = (name: string, s: FitResult['before']['train']) => `  ${name.padEnd(18)} n=${String(s.n).padStart(4)}  median ${pct(s.median).padStart(6)}  mean ${pct(s.mean).padStart(6)}  worst ${pct(s.worst).padStart(6)}`;
  const p = fit.params;
  return [
    `fitted ${fit.fitted.join(', ')}: compute x${p.computeScale.toFixed(3)}, memory x${p.memoryScale.toFixed(3)}, host ${(p.hostIterationS * 1e3).toFixed(2)} ms/iteration`,
    '|predicted / measured - 1|:',
    line('before, fitted', fit.before.train), line('before, held out', fit.before.heldOut),
    line('after, fitted', fit.after.train), line('after, held out', fit.after.heldOut),
  ].join('\n');
}

const OPTIONS = {
  gpu: { type: 'string' }, engine: { type: 'string' }, model: { type: 'string' }, tp: { type: 'string' }, format: { type: 'string' },
  holdout: { type: 'string' }, 'holdout-fraction': { type: 'string' }, json: { type: 'boolean' }, 'data-dir': { type: 'string' },
} as const;

export const command = defineCommand(
  {
    name: 'calibrate', summary: 'import benchmark files for a GPU type and fit its calibration; list or revert calibrations', usage, options: OPTIONS,
    subcommands: ['import', 'list', 'revert'], positionals: true,
  },
  calibrate,
);
export const run = command.run;

function holdOutOf(flags: Flags<typeof OPTIONS>): HoldOut | undefined {
  const ids = flags.holdout;
  if (ids) return { kind: 'points', ids: ids.split(',').map((s) => s.trim()).filter(Boolean) };
  const f = flags['holdout-fraction'];
  return f === undefined ? undefined : { kind: 'auto', fraction: Number(f) };
}

async function calibrate({ flags, positionals }: Parsed<typeof OPTIONS>, io: CliIo): Promise<number> {
  const [verb, ...files] = positionals;
  const gpu = flags.gpu;
  const format = flags.format as MeasurementFormat | undefined;
  const bad = (verb === 'import' && (files.length === 0 || !gpu)) || (verb === 'revert' && !gpu) || !['import', 'list', 'revert'].includes(verb ?? '')
    || (format !== undefined && !MEASUREMENT_FORMATS.includes(format));
  if (bad) {
    io.stderr(`${usage}\n`);
    return EXIT.usage;
  }
  const missing = files.find((f) => !existsSync(f));
  if (missing) {
    io.stderr(`fleetplan calibrate: cannot read ${missing}: no such file\n`);
    return EXIT.badInput;
  }
  const dataDir = resolveDataDir({ dataDirFlag: flags['data-dir'], env: process.env, platform: process.platform, home: process.env.HOME ?? '.' });
  const db = openAppDatabase(dataDir, assetsDir());
  try {
    if (verb === 'import') {
      const texts = await Promise.all(files.map(async (f) => ({ name: basename(f), text: await io.readFile(f), format })));
      const tp = flags.tp;
      const { calibration, fit } = importCalibration(db, texts, {
        gpuTypeId: gpu!, engine: flags.engine, model: flags.model, tp: tp === undefined ? undefined : Number(tp),
        holdOut: holdOutOf(flags), now: new Date().toISOString(), createdBy: process.env.USER ?? '',
      });
      if (flags.json) io.stdout(JSON.stringify({ calibration: { ...calibration, error: undefined }, fit }) + '\n');
      else io.stdout(`calibration #${calibration.id} for ${calibration.gpuTypeId}${calibration.engine ? ` (${calibration.engine})` : ''}, now active\n${fitTable(fit)}\n`);
    } else if (verb === 'list') {
      for (const c of listCalibrations(db, gpu)) {
        const held = (c.error as { after?: { heldOut?: { median: number } } }).after?.heldOut;
        io.stdout(`#${c.id}\t${c.gpuTypeId}\t${c.engine || '(any engine)'}\t${c.origin}\t${c.active ? 'active' : '-'}\t${c.createdAt}\t`
          + `${held ? `held-out ${pct(held.median)}` : ''}\t${c.sourceFiles.map((s) => s.name).join(' ')}\n`);
      }
    } else {
      // Without --engine, every engine's imports (as the Calibrate screen's button): one for vllm applies to runs without an engine too.
      const now = flags.engine === undefined ? revertAllCalibrations(db, gpu!) : revertCalibration(db, gpu!, flags.engine);
      io.stdout(now ? `reverted ${gpu} to the shipped calibration #${now.id}\n` : `reverted ${gpu}: no calibration active (datasheet and default curves)\n`);
    }
    return EXIT.ok;
  } catch (e) {
    io.stderr(`fleetplan calibrate: ${describeError(e)}\n`);
    return EXIT.badInput;
  } finally {
    db.close();
  }
}
