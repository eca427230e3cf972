// Where the files a user imports are parsed: in a worker thread for the app and the browser host (a 50 MB
// inventory or a 200 MB trace would otherwise hold up every other call while it is read), in the calling
// thread for the CLI and tests. The same readers either way; the worker runs them from its job table
// (main/workers/jobs.ts; workerParsers in compare-runners.ts, beside the pools). What needs the database (GPU
// ids, models, writing) stays on the main thread.
import { readMeasurementFiles, type MeasurementFile, type ReadMeasurements } from './calibration/import';
import { parseInventoryFile, type InventoryFileContent } from './inventory-file';
import type { TraceColumns, TraceMapping } from './traces';
import { readTraceText } from './workload-import';

export interface TraceParseOptions {
  mapping?: TraceMapping;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface FileParsers {
  trace(text: string, fileName: string, opts?: TraceParseOptions): Promise<TraceColumns>;
  inventory(text: string, fileName: string, knownGpuIds: ReadonlySet<string>): Promise<InventoryFileContent>;
  measurements(files: readonly MeasurementFile[]): Promise<ReadMeasurements>;
}

export const inProcessParsers: FileParsers = {
  trace: (text, fileName, opts = {}) => readTraceText(text, fileName, {
    mapping: opts.mapping, signal: opts.signal, onProgress: (p) => opts.onProgress?.(p.done, p.total),
  }),
  inventory: async (text, fileName, known) => parseInventoryFile(text, fileName, known),
  measurements: async (files) => readMeasurementFiles(files),
};
