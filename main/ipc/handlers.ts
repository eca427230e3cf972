// One plain function per channel, built from its dependencies. Inputs arrive already parsed by the
// contract's schemas (see register.ts and the host), so handlers check only what needs the database.
import type { Db } from '../../db';
import { schemaVersion } from '../../db';
import {
  deleteCustomGpuType, deleteCustomModel, getGpuType, getModel, upsertModels, gpuTypeIds, insertCustomGpuType, listGpuTypes, listModels, poolsUsingGpuType,
  updateCustomGpuType,
} from '../../db/queries/catalog';
import { activateCalibration, getCalibration } from '../../db/queries/calibrations';
import { calibrationFor, withCalibrationState } from '../services/calibration/active';
import { importCalibration } from '../services/calibration/import';
import { revertAllCalibrations } from '../services/calibration/revert';
import { calibrationViewById, calibrationViews } from '../services/calibration/view';
import {
  deleteInventory, getInventory, insertInventory, listInventories, renameInventory, replacePools,
} from '../../db/queries/inventories';
import {
  deleteWorkload, getWorkloadSummary, insertWorkload, listWorkloads, renameWorkload,
} from '../../db/queries/workloads';
import { readWorkloadColumns } from '../services/workload-columns';
import { createJobRegistry, type JobRegistry } from '../services/jobs';
import { parseModelConfig } from '../services/model-config';
import { closedLoopWorkload, openLoopWorkload, type LengthSpec } from '../sim/workload';
import { compareInputOf, startComparison, storedStrategyCalibrations, startResolvedComparison, type CompareRunner, type TraceRunner } from '../services/compare';
import { runDetail, runSummary } from '../services/runs';
import { embedWorkload, readScenarioFile, scenarioFileName, serializeScenario, type ScenarioFile } from '../services/scenario-file';
import { deleteRun, getRun, listRuns, renameRun } from '../../db/queries/runs';
import { previewTrace } from '../services/traces';
import { defaultWorkloadName, duplicateWarning, importWarnings, reorderedWarning, twinOf, writeWorkload } from '../services/workload-import';
import { inProcessParsers, type FileParsers } from '../services/file-parsers';
import { rescaleArrivals, workloadStats } from '../services/workload-stats';
import { AppError, invalid, notFound } from '../domain/errors';
import { DATA_LICENCES } from '../services/licences';
import { duplicateInventoryWarning, inventoryFileName, samePoolsAs, serializeInventory } from '../services/inventory-file';
import type { Handlers } from './contract';
import type { ClosedLoopInfo, Inventory, Pool } from '../domain';

/** Who made a calibration record: the account running fleetplan (the app has no users of its own). */
function userName(): string {
  return process.env.USER ?? process.env.USERNAME ?? '';
}

export interface HandlerDeps {
  db: Db;
  clock: () => Date;
  dataDir: string;
  appVersion: string;
  jobs?: JobRegistry;
  /** Where comparisons run; without one, compare.start explains that the simulator worker is missing. */
  compareRunner?: CompareRunner;
  /** Where a run's chosen deployments are replayed for their charts. */
  traceRunner?: TraceRunner;
  /** Where imported files are parsed: a worker thread in the app and the host; by default this thread. */
  parsers?: FileParsers;
}

export function createHandlers({ db, clock, dataDir, appVersion, jobs = createJobRegistry(), compareRunner, traceRunner, parsers = inProcessParsers }: HandlerDeps): Handlers {
  const now = () => clock().toISOString();

  const compareDeps = () => {
    if (!compareRunner) throw new AppError('internal', 'This fleetplan was started without its simulation worker.');
    return { db, jobs, runner: compareRunner, clock };
  };

  const mustGetRun = (id: number) => {
    const run = getRun(db, id);
    if (!run) throw notFound(`Run ${id} does not exist (it may have been deleted).`);
    return run;
  };

  const mustGetWorkload = (id: number) => {
    const w = getWorkloadSummary(db, id);
    if (!w) throw notFound(`Workload ${id} does not exist (it may have been deleted).`);
    return w;
  };

  const mustGetInventory = (id: number): Inventory => {
    const inv = getInventory(db, id);
    if (!inv) throw notFound(`Inventory ${id} does not exist (it may have been deleted).`);
    return inv;
  };

  const checkPools = (pools: readonly Pool[]) => {
    pools.forEach((p, i) => {
      if (!getGpuType(db, p.gpuTypeId)) {
        throw invalid(`unknown GPU id "${p.gpuTypeId}"`, { field: `pools[${i}].gpuTypeId` });
      }
    });
  };

  return {
    'app.info': () => ({
      name: 'fleetplan',
      version: appVersion,
      schemaVersion: schemaVersion(db),
      dataDir,
      licences: [...DATA_LICENCES],
    }),
    'catalog.gpus': () => withCalibrationState(db, listGpuTypes(db)),
    'catalog.models': () => listModels(db),
    'catalog.addModel': ({ id, name, fileName, configText }) => {
      if (getModel(db, id)) throw new AppError('conflict', `a model "${id}" is already in the catalog`, { field: 'id' });
      const config = parseModelConfig(id, configText, fileName);
      upsertModels(db, [{ id, name: name ?? id.split('/')[1], builtin: false, config }], now());
      return getModel(db, id)!;
    },
    'catalog.deleteModel': ({ id }) => {
      const m = getModel(db, id);
      if (!m) throw notFound(`Model "${id}" is not in the catalog.`);
      if (m.builtin) throw new AppError('conflict', `"${id}" is part of the shipped catalog and cannot be deleted.`);
      deleteCustomModel(db, id);
      return { deleted: true as const };
    },
    'catalog.addGpu': (gpu) => {
      if (getGpuType(db, gpu.id)) throw new AppError('conflict', `a GPU type "${gpu.id}" already exists; choose another id`, { field: 'id' });
      insertCustomGpuType(db, { ...gpu, year: null, builtin: false });
      return getGpuType(db, gpu.id)!;
    },
    'catalog.updateGpu': (gpu) => {
      const current = getGpuType(db, gpu.id);
      if (!current) throw notFound(`GPU type "${gpu.id}" does not exist.`);
      if (current.builtin) throw new AppError('conflict', `"${gpu.id}" is part of the shipped catalog and cannot be edited; add your own GPU type instead.`, { field: 'id' });
      updateCustomGpuType(db, { ...gpu, year: current.year, builtin: false });
      return getGpuType(db, gpu.id)!;
    },
    'catalog.deleteGpu': ({ id }) => {
      const gpu = getGpuType(db, id);
      if (!gpu) throw notFound(`GPU type "${id}" does not exist.`);
      if (gpu.builtin) throw new AppError('conflict', `"${id}" is part of the shipped catalog and cannot be deleted.`);
      const users = poolsUsingGpuType(db, id);
      if (users > 0) throw new AppError('conflict', `"${id}" is used by ${users} pool${users === 1 ? '' : 's'}; remove those first.`);
      deleteCustomGpuType(db, id);
      return { deleted: true as const };
    },
    'calibration.list': ({ gpuTypeId }) => {
      if (gpuTypeId !== undefined && !getGpuType(db, gpuTypeId)) throw notFound(`GPU type "${gpuTypeId}" does not exist.`);
      return calibrationViews(db, gpuTypeId);
    },
    'calibration.import': async ({ gpuTypeId, files, engine, model, tp, holdOutFraction }) => {
      if (!getGpuType(db, gpuTypeId)) throw notFound(`GPU type "${gpuTypeId}" does not exist.`);
      const texts = files.map((f) => ({ name: f.fileName, text: f.text }));
      const read = await parsers.measurements(texts);
      const { calibration } = importCalibration(db, texts, {
        gpuTypeId, engine, model, tp, holdOut: { kind: 'auto', fraction: holdOutFraction }, now: now(), createdBy: userName(),
      }, read);
      return calibrationViewById(db, calibration.id)!;
    },
    'calibration.select': ({ id }) => {
      if (!getCalibration(db, id)) throw notFound(`Calibration #${id} does not exist (its GPU type may have been deleted).`);
      activateCalibration(db, id);
      return calibrationViewById(db, id)!;
    },
    'calibration.revert': ({ gpuTypeId }) => {
      revertAllCalibrations(db, gpuTypeId);
      const applied = calibrationFor(db, gpuTypeId);
      return { active: applied ? calibrationViewById(db, applied.id)! : null };
    },
    'inventory.list': () => listInventories(db),
    'inventory.get': ({ id }) => mustGetInventory(id),
    'inventory.create': ({ name, pools }) => {
      checkPools(pools);
      return mustGetInventory(insertInventory(db, name, pools as Pool[], now()));
    },
    'inventory.rename': ({ id, name }) => {
      if (!renameInventory(db, id, name, now())) throw notFound(`Inventory ${id} does not exist.`);
      return mustGetInventory(id);
    },
    'inventory.delete': ({ id }) => {
      if (!deleteInventory(db, id)) throw notFound(`Inventory ${id} does not exist.`);
      return { deleted: true as const };
    },
    'inventory.setPools': ({ id, pools }) => {
      checkPools(pools);
      if (!replacePools(db, id, pools as Pool[], now())) throw notFound(`Inventory ${id} does not exist.`);
      return mustGetInventory(id);
    },
    'inventory.export': ({ id, format }) => {
      const inv = mustGetInventory(id);
      return { fileName: inventoryFileName(inv.name, format), text: serializeInventory(inv, format) };
    },
    'inventory.import': async ({ fileName, text }) => {
      const content = await parsers.inventory(text, fileName, gpuTypeIds(db));
      const twin = samePoolsAs(db, content.pools);
      return { ...mustGetInventory(insertInventory(db, content.name, content.pools, now(), content.notes)), duplicateOf: twin, warning: duplicateInventoryWarning(twin, fileName) };
    },
    'workload.list': () => listWorkloads(db),
    'workload.preview': ({ head }) => previewTrace(head),
    'workload.import': ({ fileName, text, name, mapping }) =>
      jobs.start('workload.import', async ({ signal, progress }) => {
        const report = (p: { phase: string; done: number; total: number }) =>
          progress(p.phase === 'reading' ? p.done / p.total / 2 : 0.5 + p.done / p.total / 2, 1, p.phase);
        const trace = await parsers.trace(text, fileName, { signal, mapping, onProgress: (done, total) => report({ phase: 'reading', done, total }) });
        const workloadName = name ?? defaultWorkloadName(fileName);
        const twin = twinOf(db, trace);
        const id = await writeWorkload(db, trace, { name: workloadName, sourceName: fileName, attribution: twin?.attribution, licence: twin?.licence },
          { now: now(), signal, onProgress: report, sourceBytes: text.length });
        return { workloadId: id, requests: trace.inputTokens.length, skipped: trace.skipped, format: trace.format, lengthsOnly: trace.lengthsOnly,
          reordered: trace.reordered, warning: importWarnings(reorderedWarning(trace.reordered, fileName), duplicateWarning(twin, fileName)) };
      }),
    'workload.stats': ({ id }) => {
      mustGetWorkload(id);
      return workloadStats(readWorkloadColumns(db, id)!);
    },
    'workload.rename': ({ id, name }) => {
      if (!renameWorkload(db, id, name)) throw notFound(`Workload ${id} does not exist.`);
      return mustGetWorkload(id);
    },
    'workload.delete': ({ id }) => {
      if (!deleteWorkload(db, id)) throw notFound(`Workload ${id} does not exist.`);
      return { deleted: true as const };
    },
    'workload.rescale': ({ id, factor, name }) => {
      const source = mustGetWorkload(id);
      if (source.closedLoop) throw invalid(`"${source.name}" is a closed-loop workload: it has no arrival rate to rescale (change its users instead)`, { field: 'id' });
      const cols = readWorkloadColumns(db, id)!;
      const copy = { ...cols, arrivalS: rescaleArrivals(cols.arrivalS, factor), prefixHashes: null };
      const label = name ?? `${source.name} ×${factor} rate`;
      return mustGetWorkload(insertWorkload(db, { name: label, sourceFormat: source.sourceFormat, attribution: source.attribution }, copy, now()));
    },
    'compare.start': (request) => startComparison(compareDeps(), request),
    'run.list': () => listRuns(db).map(runSummary),
    'run.get': ({ id }) => runDetail(mustGetRun(id)),
    'run.trace': async ({ id, strategy }) => {
      const detail = runDetail(mustGetRun(id));
      const outcome = detail.result?.strategies.find((o) => o.strategy === strategy);
      if (!outcome) throw notFound(`Run ${id} has no finished result for strategy "${strategy}".`);
      // The search kept the charts of the run behind the table's figures; only older runs need a replay.
      if (outcome.trace) return outcome.trace;
      if (!traceRunner) throw new AppError('internal', 'This fleetplan was started without its simulation worker.');
      const scenario = detail.scenario as ScenarioFile;
      const resolved = readScenarioFile(db, serializeScenario(scenario, 'json'), `run-${id}.json`);
      return traceRunner(compareInputOf(db, resolved, detail.result?.calibrations, storedStrategyCalibrations(detail.result)), outcome);
    },
    'run.rename': ({ id, name }) => {
      if (!renameRun(db, id, name)) throw notFound(`Run ${id} does not exist.`);
      return runSummary(mustGetRun(id));
    },
    'run.delete': ({ id }) => {
      if (!deleteRun(db, id)) throw notFound(`Run ${id} does not exist.`);
      return { deleted: true as const };
    },
    'scenario.export': ({ runId, format, embedWorkload: embed }) => {
      const stored = mustGetRun(runId).inputs as ScenarioFile;
      const scenario = embed ? embedWorkload(db, stored) : stored;
      return { fileName: scenarioFileName(scenario, format), text: serializeScenario(scenario, format) };
    },
    'scenario.import': ({ fileName, text }) => {
      const resolved = readScenarioFile(db, text, fileName);
      return startResolvedComparison(compareDeps(), resolved, resolved.file);
    },
    'workload.synthesize': (spec) => {
      let lengths: LengthSpec;
      let source: ClosedLoopInfo['lengths'] | null = null;
      if (spec.lengths.kind === 'workload') {
        const from = mustGetWorkload(spec.lengths.workloadId);
        const cols = readWorkloadColumns(db, spec.lengths.workloadId)!;
        lengths = { kind: 'trace', inputTokens: cols.inputTokens, outputTokens: cols.outputTokens };
        source = { kind: 'workload', workloadId: from.id, workloadName: from.name };
      } else if (spec.lengths.kind === 'fixed') {
        lengths = { kind: 'independent', input: { kind: 'fixed', tokens: spec.lengths.input }, output: { kind: 'fixed', tokens: spec.lengths.output } };
      } else {
        const { inputMedian, outputMedian, sigma } = spec.lengths;
        lengths = { kind: 'independent', input: { kind: 'lognormal', median: inputMedian, sigma }, output: { kind: 'lognormal', median: outputMedian, sigma } };
      }
      if (spec.arrival.kind === 'closed-loop') {
        const { users, thinkTimeS, think } = spec.arrival;
        // Same length stream as the open-loop law for a seed; the arrival column is stored as 0 (see migration 0002).
        const w = closedLoopWorkload({ users, requests: spec.requests, lengths }, spec.seed);
        const closedLoop: ClosedLoopInfo = { users, thinkTimeS, think, requests: spec.requests, lengths: source ?? { ...spec.lengths } as ClosedLoopInfo['lengths'], seed: spec.seed };
        const cols = { arrivalS: new Float64Array(w.n), inputTokens: w.inputTokens, outputTokens: w.outputTokens, prefixHashes: null };
        return mustGetWorkload(insertWorkload(db, { name: spec.name, sourceFormat: 'synthetic', closedLoop }, cols, now()));
      }
      const w = openLoopWorkload({ requests: spec.requests, rate: spec.ratePerS!, arrival: spec.arrival, lengths }, spec.seed);
      const t0 = w.arrivalS[0] ?? 0;
      const cols = { arrivalS: w.arrivalS.map((a) => a - t0), inputTokens: w.inputTokens, outputTokens: w.outputTokens, prefixHashes: null };
      return mustGetWorkload(insertWorkload(db, { name: spec.name, sourceFormat: 'synthetic' }, cols, now()));
    },
    'job.status': ({ id }) => jobs.status(id),
    'job.cancel': ({ id }) => jobs.cancel(id),
  };
}
