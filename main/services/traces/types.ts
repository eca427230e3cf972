import type { PrefixHashes, TraceFormatId, TraceMapping, WorkloadColumns } from '../../domain';

export type { TraceFormatId, TraceMapping };

// A workload trace read into columns: one entry per request, in arrival order.
export interface TraceColumns extends WorkloadColumns {
  format: TraceFormatId;
  prefixHashes: PrefixHashes;
  /** Rows deliberately left out (e.g. BurstGPT's failed requests with zero response tokens). */
  skipped: number;
  /** Rows that arrived before an earlier row in the file and were sorted into place (a warning, not an error). */
  reordered: number;
  /** True when the file had no arrival times and they must be generated. */
  lengthsOnly: boolean;
}


