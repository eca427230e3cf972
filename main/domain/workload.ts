// Workloads: what is stored of a trace or a synthetic workload, its statistics, the trace formats read, and
// the struct-of-arrays columns every reader and the simulator share.
import { z } from 'zod';

/**
 * The most tokens one request's prompt or output may have, wherever a count enters fleetplan (trace files,
 * scenario files, the API): eight times the longest context in the shipped model catalog (131,072 tokens,
 * assets/models/catalog.json), and far inside the Int32 columns the simulator reads.
 */
export const MAX_REQUEST_TOKENS = 1_000_000;

/** One slot per request, in arrival order: what a trace reader yields and the simulator replays. */
export interface WorkloadColumns {
  /** Seconds from the start, non-decreasing. */
  arrivalS: Float64Array;
  /** Prompt tokens (≥ 1). */
  inputTokens: Int32Array;
  /** Generated tokens including the first one (≥ 1). */
  outputTokens: Int32Array;
}

/** Prefix-block hash ids per request (Mooncake), or null where the trace has none. */
export type PrefixHashes = (number[] | null)[] | null;

export interface WorkloadSummary {
  id: number;
  name: string;
  sourceFormat: string;
  requestCount: number;
  durationS: number;
  meanInputTokens: number;
  meanOutputTokens: number;
  attribution: string | null;
  createdAt: string;
  /** Set for a closed-loop workload (no arrival rate: its durationS is 0); null for an open-loop trace. */
  closedLoop?: ClosedLoopInfo | null;
}

/**
 * How a closed-loop workload was made. Its stored requests are the length pairs in the order the users send
 * them, every arrival 0: the simulator issues the first `users` at once and the next one `thinkTimeS` after
 * each completion (fixed, or exponential with that mean).
 */
export interface ClosedLoopInfo extends Required<ClosedLoopUsers> {
  requests: number;
  /** Where the lengths came from: another workload's pairs (named as it was then), fixed, or lognormal. */
  lengths:
    | { kind: 'workload'; workloadId: number; workloadName: string }
    | { kind: 'fixed'; input: number; output: number }
    | { kind: 'lognormal'; inputMedian: number; outputMedian: number; sigma: number };
  seed: number;
}

/**
 * Closed-loop load: `users` each keep one request in flight and send the next `thinkTimeS` after the last one
 * completes (fixed, or exponential with that mean, drawn from the run's seed). Plain JSON: it is stored with the
 * workload and crosses to the worker.
 */
export const closedLoopUsersSchema = z
  .object({
    users: z.number().int().min(1, 'at least 1 user').max(100_000, 'at most 100,000 users'),
    thinkTimeS: z.number().finite().min(0, 'must be ≥ 0 s').max(3600, 'at most 3600 s'),
    think: z.enum(['fixed', 'exponential']).optional(),
  })
  .strict();
export type ClosedLoopUsers = z.infer<typeof closedLoopUsersSchema>;

export type TraceFormatId = 'azure-2023' | 'burstgpt' | 'mooncake' | 'splitwise' | 'vidur' | 'lengths' | 'custom';

/** The user's answer to "which column is what" for a CSV or JSONL file fleetplan does not recognise. */
const column = z.string().min(1).max(200);
export const traceMappingSchema = z
  .object({
    /** null: the file has no arrival times (they are generated later). */
    arrival: z.object({ column, unit: z.enum(['s', 'ms', 'datetime']) }).strict().nullable(),
    input: column,
    output: column,
  })
  .strict();
export type TraceMapping = z.infer<typeof traceMappingSchema>;

export interface TracePreview {
  kind: 'csv' | 'jsonl' | 'unknown';
  /** The recognised format, or null when the user must map columns. */
  format: TraceFormatId | null;
  columns: string[];
  sampleRows: string[][];
}

export interface LengthDistribution {
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Log-spaced bins: counts[i] are lengths in [edges[i], edges[i+1]). */
  histogram: { edges: number[]; counts: number[] };
  /** 101 points: the length at each percentile 0..100. */
  cdf: { p: number; x: number }[];
}

export interface WorkloadStats {
  requests: number;
  durationS: number;
  meanRatePerS: number;
  totalInputTokens: number;
  totalOutputTokens: number;
  arrivals: { binS: number; counts: number[] };
  input: LengthDistribution;
  output: LengthDistribution;
}
