import { describe, expect, it } from 'vitest';
import { deploymentModel, layoutDiagram, parseGroups } from '../../../renderer/src/charts/deployment-model';

describe('deploymentModel', () => {
  it('reads a colocated label into pools of mixed instances, merging one pool’s TP widths', () => {
    const m = deploymentModel('colocated', '2×H100 node TP4 + 1×MI300X node TP1 + 3×H100 node TP1');
    expect(m.boxes.map((b) => [b.pool, b.role, b.groups.map((g) => `${g.count}x${g.tp}`).join(',')])).toEqual([
      ['H100 node', 'mixed', '2x4,3x1'],
      ['MI300X node', 'mixed', '1x1'],
    ]);
    expect(m.arrows).toEqual([]);
  });

  it('puts prefill on the left, decode on the right, and KV arrows from every prefill pool to every decode pool', () => {
    const m = deploymentModel('disaggregated', 'prefill 2×L40S node TP2 | decode 1×MI300X node TP2 + 4×A100 TP1 (TetriInfer)');
    expect(m.boxes.map((b) => [b.pool, b.role, b.column])).toEqual([
      ['L40S node', 'prefill', 0], ['MI300X node', 'decode', 1], ['A100', 'decode', 1],
    ]);
    expect(m.arrows).toEqual([{ from: 0, to: 1, what: 'KV cache' }, { from: 0, to: 2, what: 'KV cache' }]);
    expect(m.notes.join(' ')).toMatch(/TetriInfer/);
  });

  it('keeps the same pool apart when it serves both phases', () => {
    const m = deploymentModel('disaggregated', 'prefill 1×MI300X node TP1 | decode 1×MI300X node TP1');
    expect(m.boxes.map((b) => b.role)).toEqual(['prefill', 'decode']);
    expect(m.arrows).toHaveLength(1);
  });

  it('reads Cronus pairs: partial-prefill GPUs feed the full instances', () => {
    const m = deploymentModel('cronus', '3 pairs: 3×H100 node TP1 + PPI 3×L40S node TP1');
    expect(m.boxes.map((b) => [b.pool, b.role, b.column, b.groups[0].count])).toEqual([
      ['L40S node', 'partial-prefill', 0, 3], ['H100 node', 'mixed', 1, 3],
    ]);
    expect(m.arrows).toEqual([{ from: 0, to: 1, what: 'KV cache' }]);
    expect(m.notes[0]).toMatch(/3 pairs/);
  });

  it('reads a pipeline into stages with their layers, joined by activations', () => {
    const m = deploymentModel('pipeline', '2×L40S node[6L]→MI300X node[26L] TP1 PP2');
    expect(m.boxes.map((b) => [b.pool, b.role, b.column, b.groups[0].layers, b.groups[0].count])).toEqual([
      ['L40S node', 'stage', 0, 6, 2], ['MI300X node', 'stage', 1, 26, 2],
    ]);
    expect(m.arrows).toEqual([{ from: 0, to: 1, what: 'activations' }]);
  });

  it('marks Nexus instances as split inside the GPU', () => {
    const m = deploymentModel('nexus', '1×MI300X node TP1 (intra-GPU split)');
    expect(m.boxes[0].role).toBe('split');
  });

  it('falls back to the raw label for shapes it does not know', () => {
    const m = deploymentModel('disaggregated', 'something else');
    expect(m.boxes).toHaveLength(1);
    expect(m.boxes[0].pool).toBe('something else');
  });

  it('parses PP in a group', () => {
    expect(parseGroups('2×A TP4 PP2')).toEqual([{ pool: 'A', group: { count: 2, tp: 4, pp: 2 } }]);
  });
});

describe('layoutDiagram', () => {
  it('places columns left to right, stacks boxes, and draws arrows from the right edge to the left edge', () => {
    const m = deploymentModel('disaggregated', 'prefill 2×A TP1 | decode 1×B TP1 + 1×C TP1');
    const l = layoutDiagram(m, 600);
    const [a, b, c] = l.boxes;
    expect(a.x).toBeLessThan(b.x);
    expect(b.x).toBe(c.x);
    expect(c.y).toBeGreaterThan(b.y + b.h - 1);
    expect(a.cells).toHaveLength(2);
    expect(l.arrows[0].x1).toBeCloseTo(a.x + a.w);
    expect(l.arrows[0].x2).toBeCloseTo(b.x);
    expect(l.height).toBeGreaterThanOrEqual(c.y + c.h);
    for (const box of l.boxes) for (const cell of box.cells) expect(cell.x + cell.w).toBeLessThanOrEqual(box.x + box.w);
  });

  it('caps the cells drawn and counts the rest', () => {
    const l = layoutDiagram(deploymentModel('colocated', '40×A TP1'), 800);
    expect(l.boxes[0].cells.length + l.boxes[0].more).toBe(40);
    expect(l.boxes[0].more).toBeGreaterThan(0);
  });
});

import { gpusByPool } from '../../../renderer/src/charts/deployment-model';

describe('gpusByPool', () => {
  it('adds up TP widths per pool across roles', () => {
    const m = deploymentModel('disaggregated', 'prefill 2×A TP2 | decode 1×A TP4 + 3×B TP1');
    expect(gpusByPool(m)).toEqual([{ pool: 'A', gpus: 8 }, { pool: 'B', gpus: 3 }]);
  });
  it('counts each pipeline stage in its own pool', () => {
    expect(gpusByPool(deploymentModel('pipeline', '2×A[6L]→B[26L] TP4 PP2'))).toEqual([{ pool: 'A', gpus: 8 }, { pool: 'B', gpus: 8 }]);
  });
});

import { modelOfDeployment, structuredModel } from '../../../renderer/src/charts/deployment-model';
import type { DeploymentInstance } from '../../../main/sim/search/types';

describe('modelOfDeployment (structured instances)', () => {
  const g = (pool: string, role: DeploymentInstance['role'], count: number, tp: number, more: Partial<DeploymentInstance> = {}): DeploymentInstance =>
    ({ pool, gpuTypeId: `${pool}-gpu`, tp, role, count, ...more });

  it('draws the same pools and GPUs as the label does for the same deployment, plus the KV links', () => {
    const label = 'prefill 2×A TP2 | decode 1×A TP4 + 3×B TP1';
    const instances = [g('A', 'prefill', 2, 2), g('A', 'decode', 1, 4), g('B', 'decode', 3, 1)];
    const flows = [
      { from: { pool: 'A', role: 'prefill' as const }, to: { pool: 'A', role: 'decode' as const }, path: 'nvlink', what: 'KV cache' as const },
      { from: { pool: 'A', role: 'prefill' as const }, to: { pool: 'B', role: 'decode' as const }, path: 'roce → roce', what: 'KV cache' as const },
    ];
    const s = modelOfDeployment({ strategy: 'disaggregated', label, instances, kvFlows: flows });
    const l = deploymentModel('disaggregated', label);
    expect(gpusByPool(s)).toEqual(gpusByPool(l));
    expect(s.boxes.map((b) => [b.pool, b.role, b.column])).toEqual(l.boxes.map((b) => [b.pool, b.role, b.column]));
    expect(s.arrows.map((a) => [a.from, a.to, a.path])).toEqual([[0, 1, 'nvlink'], [0, 2, 'roce → roce']]);
    expect(s.notes.some((n) => n.includes('A (prefill) → B (decode) over roce → roce'))).toBe(true);
  });

  it('lays pipeline stages out by their position, even when one pool holds two stages', () => {
    const instances = [g('A', 'stage', 2, 1, { layers: 6, stage: 0 }), g('A', 'stage', 2, 1, { layers: 26, stage: 1 })];
    const flows = [{ from: { pool: 'A', role: 'stage' as const, stage: 0 }, to: { pool: 'A', role: 'stage' as const, stage: 1 }, path: 'nvlink', what: 'activations' as const }];
    const m = structuredModel('pipeline', 'ignored', instances, flows);
    expect(m.boxes.map((b) => [b.column, b.groups[0].layers])).toEqual([[0, 6], [1, 26]]);
    expect(m.arrows).toEqual([{ from: 0, to: 1, what: 'activations', path: 'nvlink' }]);
    expect(m.notes[0]).toMatch(/^2 replicas, each a 2-stage pipeline/);
  });

  it('puts Cronus partial prefill before its full partner, and keeps the TetriInfer note from the label', () => {
    const c = modelOfDeployment({ strategy: 'cronus', label: 'x', instances: [g('H', 'partial-prefill', 1, 1), g('L', 'mixed', 1, 1)], kvFlows: [] });
    expect(c.boxes.map((b) => [b.pool, b.column])).toEqual([['H', 0], ['L', 1]]);
    const t = modelOfDeployment({ strategy: 'disaggregated', label: 'prefill 1×A TP1 | decode 1×B TP1 (TetriInfer)', instances: [g('A', 'prefill', 1, 1), g('B', 'decode', 1, 1)], kvFlows: [] });
    expect(t.notes.some((n) => n.startsWith('TetriInfer'))).toBe(true);
  });

  it('falls back to the label for runs stored without instances', () => {
    const label = '2×H100 node TP4 + 1×MI300X node TP1';
    expect(modelOfDeployment({ strategy: 'colocated', label })).toEqual(deploymentModel('colocated', label));
    expect(modelOfDeployment({ strategy: 'colocated', label, instances: [] })).toEqual(deploymentModel('colocated', label));
  });
});
