// A workload trace read into columns: one entry per request, in arrival order.
export interface TraceColumns {
  format: TraceFormatId;
  arrivalS: Float64Array;
  inputTokens: Int32Array;
  outputTokens: Int32Array;
  /** Prefix-block hash ids per request (Mooncake), or null where the trace has none. */
  prefixHashes: (number[] | null)[] | null;
  /** Rows deliberately left out (e.g. BurstGPT's failed requests with zero response tokens). */
  skipped: number;
  /** True when the file had no arrival times and they must be generated. */
  lengthsOnly: boolean;
}

export type TraceFormatId = 'azure-2023' | 'burstgpt' | 'mooncake' | 'splitwise' | 'vidur' | 'lengths' | 'custom';

/** The user's answer to "which column is what" for a CSV or JSONL file fleetplan does not recognise. */
export interface TraceMapping {
  /** null: the file has no arrival times (they are generated later). */
  arrival: { column: string; unit: 's' | 'ms' | 'datetime' } | null;
  input: string;
  output: string;
}
