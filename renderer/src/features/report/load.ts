// Everything the printed report shows, fetched through the ordinary channels: the run (inputs and results),
// the app's version and data licences, the GPU catalog (names for the inventory table), and the run's
// workload (the scenario with its requests embedded), from which the workload statistics are computed
// over exactly the requests the run replayed; and each strategy's replay (run.trace, as the Compare screen
// asks for it) for the latency CDFs and utilization over time.
import type { Api } from '../../../../main/ipc/contract';
import type { AppInfo, GpuType, Pool, RunDetail, WorkloadStats } from '../../../../main/domain';
import { fetchTraces, type TraceFetch } from '../../api/traces';
import { workloadStats } from '../../../../main/services/workload-stats';
import { kvBytesPerToken, modelFromConfig, parameterCount } from '../../../../main/sim/model';

/** The parts of a stored scenario file the report reads (main/services/scenario-file.ts has the schema). */
export interface ScenarioView {
  name: string;
  inventory: { name: string; notes?: string; pools: Pool[] };
  model: { id: string; config: Record<string, unknown> };
  workload: { name: string; requests?: number; sha256?: string; embedded?: { arrivalS: number[]; inputTokens: number[]; outputTokens: number[] } };
  slo: { ttftP99S?: number; ttftP50S?: number; tbtP99S?: number; tbtP50S?: number; e2eP99S?: number };
  strategies: string[];
  seed: number;
  maxRequests?: number;
}

export interface ModelFactsView {
  parameters: number | null;
  kvBytesPerToken: number | null;
  layers: number | null;
  hidden: number | null;
  heads: number | null;
  kvHeads: number | null;
}

export interface ReportData {
  run: RunDetail;
  scenario: ScenarioView;
  info: AppInfo;
  gpus: Map<string, GpuType>;
  model: ModelFactsView;
  workload: WorkloadStats | null;
  /** Why the workload statistics are missing, when they are. */
  workloadNote: string;
  /** Each strategy's replay, in the run's order (a failed one carries its error). */
  traces: TraceFetch[];
}

function modelFacts(s: ScenarioView): ModelFactsView {
  const c = s.model.config;
  const n = (k: string) => (typeof c[k] === 'number' ? (c[k] as number) : null);
  let parameters: number | null = null;
  let kv: number | null = null;
  try {
    const m = modelFromConfig(s.model.id, c);
    parameters = parameterCount(m);
    kv = kvBytesPerToken(m);
  } catch {
    // A config the cost model cannot read still gets its raw facts listed.
  }
  return { parameters, kvBytesPerToken: kv, layers: n('num_hidden_layers'), hidden: n('hidden_size'), heads: n('num_attention_heads'), kvHeads: n('num_key_value_heads') ?? n('num_attention_heads') };
}

export async function loadReport(api: Api, runId: number): Promise<ReportData> {
  const [run, info, gpuList] = await Promise.all([api['run.get']({ id: runId }), api['app.info']({}), api['catalog.gpus']({})]);
  if (run.status !== 'done' || !run.result) throw new Error(`Run ${runId} is ${run.status}${run.error ? ` (${run.error})` : ''}: only finished runs have a report.`);
  const scenario = run.scenario as unknown as ScenarioView;
  const result = run.result;
  const [{ workload, workloadNote }, traces] = await Promise.all([
    loadWorkload(api, runId, result.requests),
    fetchTraces(api, runId, result.strategies.map((o) => o.strategy)),
  ]);
  return { run, scenario, info, gpus: new Map(gpuList.map((g) => [g.id, g])), model: modelFacts(scenario), workload, workloadNote, traces };
}

async function loadWorkload(api: Api, runId: number, requests: number): Promise<{ workload: WorkloadStats | null; workloadNote: string }> {
  try {
    const file = await api['scenario.export']({ runId, format: 'json', embedWorkload: true });
    const e = (JSON.parse(file.text) as ScenarioView).workload.embedded;
    if (!e) return { workload: null, workloadNote: '' };
    const n = Math.min(requests, e.arrivalS.length);
    const workload = workloadStats({
      arrivalS: Float64Array.from(e.arrivalS.slice(0, n)),
      inputTokens: Int32Array.from(e.inputTokens.slice(0, n)),
      outputTokens: Int32Array.from(e.outputTokens.slice(0, n)),
    }, { arrivalBins: 40, lengthBins: 30 });
    return { workload, workloadNote: '' };
  } catch (err) {
    return { workload: null, workloadNote: `Workload statistics are not available: ${err instanceof Error ? err.message : String(err)}` };
  }
}
