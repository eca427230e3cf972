// What every report states about how its figures were made: the modelling assumptions and the cost model's
// measured error. Renderer-safe constants; test/unit/reports/assumptions.test.ts recomputes the error
// figures from assets/calibration/ so the quoted numbers cannot drift from the model.

/** |predicted / measured − 1| over a set of points, in percent (rounded to one decimal). */
export interface ErrorFigure {
  /** Stable handle for the test that recomputes the figure. */
  key: string;
  what: string;
  points: number;
  medianPct: number;
  worstPct: number;
  source: string;
}

export const COST_MODEL_ERROR: ErrorFigure[] = [
  {
    key: 'h100-iterations',
    what: 'Whole iterations on an H100 (prefill 128–16k, chunked, decode batch 1–256 × context 512–8k, mixed), Llama-3-8B shape: the fit target',
    points: 72, medianPct: 1.3, worstPct: 7.9,
    source: 'assets/calibration/measured/iteration.csv (test/calibration/measure.py on the device machine, 2026-11-23)',
  },
  {
    key: 'qwen-heldout',
    what: 'Whole iterations on the same H100, Qwen2.5-3B shape (held out)',
    points: 14, medianPct: 3.2, worstPct: 12,
    source: 'assets/calibration/measured/iteration.csv, model qwen2.5-3b',
  },
  {
    key: 'h200-heldout',
    what: 'Whole iterations on an H200 predicted from its datasheet with the H100-fitted curves (held out)',
    points: 72, medianPct: 4.5, worstPct: 17.6,
    source: 'assets/calibration/measured/h200_iteration.csv',
  },
  {
    key: 'kernel-fit',
    what: 'Published H100 kernel times (Vidur profiles; this workplace\'s H100 notes)',
    points: 5, medianPct: 2.8, worstPct: 10.6,
    source: 'assets/calibration/reference_points.csv, role=fit',
  },
  {
    key: 'kernel-cross',
    what: 'Published kernel times on A100, A40 and H200, predicted from datasheet specs only',
    points: 8, medianPct: 1.4, worstPct: 8.7,
    source: 'assets/calibration/reference_points.csv, role=cross',
  },
  {
    key: 'published-e2e',
    what: 'Whole prefill and decode iterations against published 2023 vLLM times (Llama-2-70B TP2, A100 and H100)',
    points: 14, medianPct: 22.2, worstPct: 36.4,
    source: 'assets/calibration/published_e2e.csv (Splitwise, ISCA 2024); a 2023 software stack, reported and not fitted',
  },
];

export const ASSUMPTIONS: string[] = [
  'Iteration times come from an analytic cost model (roofline with size-dependent efficiency curves fitted to whole-iteration times measured on an H100, and to published kernel measurements), not from measurements of this fleet.',
  'Requests are replayed in arrival order from the workload; output lengths are known to the simulator (each request generates exactly its recorded output tokens).',
  'Schedulers follow the serving engine each strategy names (its profile\'s defaults, read from the engine\'s source and docs; assets/engines), or without one fleetplan\'s default: chunked prefill with an iteration token budget sized to the TBT target, at most 256 running requests per instance, newest-first preemption when KV memory runs out. The comparison table names the engine and the settings each chosen deployment ran with.',
  'KV transfers between instances cost bytes over the slowest link on their path plus per-hop latency; transfers across vendors are staged through host memory.',
  'Cost is the pools\' price per GPU-hour (owned GPUs: purchase price over their lifetime plus power at TDP) for the GPUs a deployment uses, over the simulated time; energy is TDP while busy.',
  'A deployment meets the SLOs when its TTFT and TBT 99th percentiles are within the targets on the whole replayed workload; an SLO left unset is not enforced.',
  'The search simulates a bounded number of deployments per strategy on the workload\'s busiest window, then confirms the cheapest feasible ones on the whole workload: a cheaper untried deployment may exist.',
];
