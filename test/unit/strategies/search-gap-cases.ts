// The search against brute force (sim/search/gap.ts) on seeded random small cases (main/bench/search-gap.ts),
// split over two test files so they run in parallel: for every strategy the search's pick costs at most 2%
// more per token than the cheapest deployment meeting the SLOs, and no strategy the exhaustive run finds
// feasible is called infeasible.
import { describe, expect, it } from 'vitest';
import { gapCase, runGapCase } from '../../../main/bench/search-gap';

export function describeGapCases(from: number, to: number): void {
  describe(`search gap, cases ${from}–${to}`, () => {
    for (let seed = from; seed <= to; seed++) {
      it(`case ${seed}: within 2% of the exhaustive optimum, no false infeasible`, () => {
        const gaps = runGapCase(gapCase(seed));
        expect(gaps).toHaveLength(5);
        for (const g of gaps) {
          expect(g.falseInfeasible, `${g.strategy}: exhaustive found ${g.optimumUsd}, search none`).toBe(false);
          if (g.optimumUsd !== null) expect(g.gap, `${g.strategy}: search ${g.searchUsd} vs optimum ${g.optimumUsd}`).toBeLessThanOrEqual(0.02);
        }
      }, 60_000);
    }
  });
}
