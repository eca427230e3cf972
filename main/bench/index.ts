// The benches `npm run bench` knows. Each returns one JSON-able record; main/bench.ts prints one line each.
// Add a bench by adding an entry here.
import { benchCompare } from './compare';
import { benchImport } from './import';
import { benchRefuseLarge } from './refuse';
import { STRATEGY_IDS } from '../sim/strategies/types';
import { benchSearchGap } from './search-gap';
import { benchPrefix, benchStrategy } from './sim';

export interface BenchOptions {
  /** The data folder whose selected calibrations apply (--data-dir; undefined: the app's, as the CLI). */
  dataDir?: string;
}

export interface Bench {
  name: string;
  run: (opts: BenchOptions) => Promise<Record<string, number | string>> | Record<string, number | string>;
}

export const BENCHES: Bench[] = [
  ...STRATEGY_IDS.map((s) => ({ name: `sim-${s}`, run: () => benchStrategy(s) })),
  { name: 'sim-prefix', run: () => benchPrefix() },
  { name: 'import', run: () => benchImport() },
  { name: 'refuse-large', run: () => benchRefuseLarge() },
  { name: 'compare', run: (o) => benchCompare(o) },
  { name: 'search-gap', run: () => benchSearchGap() },
];
