import { it } from 'vitest';
import { defaultComparisonInput } from '../../../main/bench/compare';
import { compareStrategies } from '../../../main/sim/search';
it('bench', async () => {
  const input = defaultComparisonInput();
  const r = compareStrategies({ ...input, strategies: ['colocated', 'disaggregated'] });
  for (const o of r.strategies) {
    console.log(o.strategy, o.enumerated, o.prunedMemory, o.prunedCapacity, o.simulated);
    for (const d of o.simulatedDeployments) console.log('  ', d.label, d.usdPerHour.toFixed(2), d.capacityRps.toFixed(1), d.meetsSlo, d.metrics.saturated, d.metrics.ttft.p99.toFixed(2), (d.metrics.tbt.p99*1000).toFixed(0), d.maxRateMultiple ?? '');
  }
}, 300000);
