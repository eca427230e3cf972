import { describe, expect, it } from 'vitest';
import type { DeploymentPin } from '../../../main/sim/search/types';
import { describePin, pinOf, pinsOfScenario, samePin, shownDeployment, withPin } from '../../../renderer/src/features/compare/pins';
import { chosenDeployment } from '../../../main/reports/summary';
import { dep, outcome } from './compare-fixtures';

const colocated: DeploymentPin = { strategy: 'colocated', instances: [{ pool: 'H100 node', gpuTypeId: 'nvidia-h100-sxm', tp: 4, role: 'mixed', count: 2 }] };
const pipeline: DeploymentPin = {
  strategy: 'pipeline',
  instances: [
    { pool: 'L40S node', gpuTypeId: 'nvidia-l40s', tp: 1, role: 'stage', count: 2, layers: 12, stage: 1 },
    { pool: 'H100 node', gpuTypeId: 'nvidia-h100-sxm', tp: 1, role: 'stage', count: 2, layers: 20, stage: 0 },
  ],
};

describe('pins on the Compare screen', () => {
  it('describes a pinned deployment in words, with the diagram role names and stages in order', () => {
    expect(describePin(colocated)).toBe('2 × TP4 on H100 node (prefill + decode)');
    expect(describePin(pipeline)).toBe('2 × TP1 on H100 node (pipeline stage, 20 layers) → 2 × TP1 on L40S node (pipeline stage, 12 layers)');
    expect(describePin({ strategy: 'cronus', instances: [
      { pool: 'L40S node', gpuTypeId: 'nvidia-l40s', tp: 1, role: 'partial-prefill', count: 1 },
      { pool: 'H100 node', gpuTypeId: 'nvidia-h100-sxm', tp: 1, role: 'mixed', count: 1 },
    ] })).toBe('1 × TP1 on L40S node (partial prefill) + 1 × TP1 on H100 node (prefill + decode)');
  });

  it('pins a shown deployment, one pin per strategy, and knows it again whatever its key order', () => {
    const d = { ...dep('colocated', '2×H100 node TP4', 1, 0.2), instances: colocated.instances };
    const pin = pinOf('colocated', d)!;
    expect(pin).toEqual(colocated);
    expect(pinOf('colocated', dep('colocated', 'old run', 1, 0.2))).toBeNull();
    const reordered = { strategy: 'colocated' as const, instances: [{ count: 2, role: 'mixed' as const, tp: 4, gpuTypeId: 'nvidia-h100-sxm', pool: 'H100 node' }] };
    expect(samePin(pin, reordered)).toBe(true);
    expect(samePin(pin, { ...pin, instances: [{ ...pin.instances[0], count: 1 }] })).toBe(false);
    expect(withPin(withPin([], pin), { ...pin, instances: [{ ...pin.instances[0], count: 1 }] })).toHaveLength(1);
    expect(withPin([pin], pipeline).map((p) => p.strategy)).toEqual(['colocated', 'pipeline']);
  });

  it('shows a pinned deployment that missed the SLOs, in the table and the report alike', () => {
    const missed = { ...dep('colocated', '1×L40S node TP1', 1, 9, false), instances: [] };
    const o = { ...outcome('colocated', [missed]), bestByCost: null, pinned: missed };
    expect(shownDeployment(o)).toBe(missed);
    expect(chosenDeployment(o)).toBe(missed);
  });

  it('reads a stored run\'s pins and drops junk', () => {
    expect(pinsOfScenario({ pins: [colocated, { strategy: 'x' }, null, 3] })).toEqual([colocated]);
    expect(pinsOfScenario({})).toEqual([]);
    expect(pinsOfScenario(undefined)).toEqual([]);
  });
});
