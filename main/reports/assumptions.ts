// What every report states about how its figures were made: the modelling assumptions and the cost model's
// measured error. Renderer-safe constants; test/unit/reports/assumptions.test.ts recomputes the error
// figures from assets/calibration/ so the quoted numbers cannot drift from the model.

/** |predicted / measured − 1| over a set of points, in percent (rounded to one decimal). */
export interface ErrorFigure {
  what: string;
  points: number;
  medianPct: number;
  worstPct: number;
  source: string;
}

export const COST_MODEL_ERROR: ErrorFigure[] = [
  {
    what: 'Kernel times on H100 (the points the efficiency curves are fitted to)',
    points: 5, medianPct: 0.2, worstPct: 3.3,
    source: 'assets/calibration/reference_points.csv, role=fit (Vidur profiles; this workplace\'s H100 notes)',
  },
  {
    what: 'Kernel times on A100, A40 and H200, predicted from datasheet specs only',
    points: 8, medianPct: 3.7, worstPct: 9.3,
    source: 'assets/calibration/reference_points.csv, role=cross',
  },
  {
    what: 'Whole prefill and decode iterations against published 2023 vLLM times (Llama-2-70B TP2, A100 and H100): fleetplan is faster',
    points: 14, medianPct: 27.2, worstPct: 38.2,
    source: 'assets/calibration/published_e2e.csv (Splitwise, ISCA 2024); fleetplan models a current stack with CUDA graphs and FlashAttention',
  },
];

export const ASSUMPTIONS: string[] = [
  'Iteration times come from an analytic cost model (roofline with size-dependent efficiency curves fitted to published kernel measurements), not from measurements of this fleet.',
  'Requests are replayed in arrival order from the workload; output lengths are known to the simulator (each request generates exactly its recorded output tokens).',
  'Schedulers follow vLLM-like defaults: chunked prefill with an iteration token budget sized to the TBT target, at most 256 running requests per instance, newest-first preemption when KV memory runs out.',
  'KV transfers between instances cost bytes over the slowest link on their path plus per-hop latency; transfers across vendors are staged through host memory.',
  'Cost is the pools\' price per GPU-hour (owned GPUs: purchase price over their lifetime plus power at TDP) for the GPUs a deployment uses, over the simulated time; energy is TDP while busy.',
  'A deployment meets the SLOs when its TTFT and TBT 99th percentiles are within the targets on the whole replayed workload; an SLO left unset is not enforced.',
  'The search simulates a bounded number of deployments per strategy on the workload\'s busiest window, then confirms the cheapest feasible ones on the whole workload: a cheaper untried deployment may exist.',
];
