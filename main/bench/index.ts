// The benches `npm run bench` knows. Each returns one JSON-able record; main/bench.ts prints one line each.
// Add a bench by adding an entry here.
import { benchCompare } from './compare';
import { benchImport } from './import';
import { benchSim } from './sim';

export interface Bench {
  name: string;
  run: () => Promise<Record<string, number | string>> | Record<string, number | string>;
}

export const BENCHES: Bench[] = [
  { name: 'sim', run: () => benchSim() },
  { name: 'import', run: () => benchImport() },
  { name: 'compare', run: () => benchCompare() },
];
