// The benches `npm run bench` knows. Each returns one JSON-able record; main/bench.ts prints one line each.
// Add a bench by adding an entry here.
import { benchCompare } from './compare';
import { benchImport } from './import';
import { STRATEGY_IDS } from '../sim/strategies/types';
import { benchSearchGap } from './search-gap';
import { benchPrefix, benchStrategy } from './sim';

export interface Bench {
  name: string;
  run: () => Promise<Record<string, number | string>> | Record<string, number | string>;
}

export const BENCHES: Bench[] = [
  ...STRATEGY_IDS.map((s) => ({ name: `sim-${s}`, run: () => benchStrategy(s) })),
  { name: 'sim-prefix', run: () => benchPrefix() },
  { name: 'import', run: () => benchImport() },
  { name: 'compare', run: () => benchCompare() },
  { name: 'search-gap', run: () => benchSearchGap() },
];
