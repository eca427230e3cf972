// A deployment's pools, instances and KV flows for the diagram. Runs stored since the search kept structured
// instances (DeploymentSummary.instances / kvFlows) are drawn from those (modelOfDeployment); older runs have
// only the label, which is read back here. The labels are written by the strategies (main/sim/strategies/*):
//   colocated      "2×H100 node TP4 + 1×MI300X node TP1"
//   nexus          "... (intra-GPU split)"
//   disaggregated  "prefill 2×A TP2 | decode 4×B TP1" [+ " (TetriInfer)"]
//   cronus         "1×A TP1 + PPI 1×B TP1"  or  "3 pairs: 3×A TP1 + PPI 3×B TP1"
//   pipeline       "2×A[6L]→B[26L] TP1 PP2"
// Pure, unit-tested; unknown shapes come back as one box holding the label, never an exception.
import type { DeploymentInstance, KvFlow } from '../../../main/domain/result';

export type InstanceRole = 'prefill' | 'decode' | 'mixed' | 'split' | 'partial-prefill' | 'stage';

export const ROLE_BADGE: Record<InstanceRole, string> = {
  prefill: 'P',
  decode: 'D',
  mixed: 'P+D',
  split: 'P|D',
  'partial-prefill': 'PP',
  stage: 'S',
};

export const ROLE_TEXT: Record<InstanceRole, string> = {
  prefill: 'prefill',
  decode: 'decode',
  mixed: 'prefill + decode',
  split: 'prefill | decode, SMs split',
  'partial-prefill': 'partial prefill',
  stage: 'pipeline stage',
};

export interface InstanceGroup {
  count: number;
  tp: number;
  pp: number;
  /** Pipeline stages: layers held by this pool's stage. */
  layers?: number;
}

export interface DiagramBox {
  pool: string;
  role: InstanceRole;
  groups: InstanceGroup[];
  /** Columns left to right: where requests start (0) to where tokens stream out. */
  column: number;
}

export interface DiagramArrow {
  from: number;
  to: number;
  what: 'KV cache' | 'activations';
  /** The links it takes, when known ("nvlink", "roce → roce"). */
  path?: string;
}

export interface DeploymentModel {
  boxes: DiagramBox[];
  arrows: DiagramArrow[];
  /** Anything the boxes cannot say: "TetriInfer scheduling", "3 pairs". */
  notes: string[];
}

const GROUP = /^(\d+)×(.+?) TP(\d+)(?: PP(\d+))?$/;

/** "2×H100 node TP4 + 1×MI300X TP1" -> groups by pool (a pool may appear with two TP widths). */
export function parseGroups(text: string): { pool: string; group: InstanceGroup }[] {
  return text
    .split(' + ')
    .map((part) => GROUP.exec(part.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pool: m[2], group: { count: Number(m[1]), tp: Number(m[3]), pp: m[4] ? Number(m[4]) : 1 } }));
}

function boxesFor(text: string, role: InstanceRole, column: number): DiagramBox[] {
  const byPool = new Map<string, DiagramBox>();
  for (const { pool, group } of parseGroups(text)) {
    const box = byPool.get(pool) ?? { pool, role, groups: [], column };
    box.groups.push(group);
    byPool.set(pool, box);
  }
  return [...byPool.values()];
}

function arrowsBetween(boxes: DiagramBox[], fromCol: number, toCol: number, what: DiagramArrow['what']): DiagramArrow[] {
  const arrows: DiagramArrow[] = [];
  boxes.forEach((a, i) => {
    if (a.column !== fromCol) return;
    boxes.forEach((b, j) => {
      if (b.column === toCol) arrows.push({ from: i, to: j, what });
    });
  });
  return arrows;
}

function pipelineModel(label: string): DeploymentModel | null {
  // "2×A[6L]→B[26L] TP1 PP2": one replica's stages in order, replicated `count` times.
  const m = /^(\d+)×(.+) TP(\d+) PP(\d+)$/.exec(label);
  if (!m) return null;
  const stages = m[2].split('→').map((s) => /^(.+)\[(\d+)L\]$/.exec(s.trim()));
  if (stages.some((s) => s === null)) return null;
  const count = Number(m[1]);
  const tp = Number(m[3]);
  const boxes: DiagramBox[] = stages.map((s, i) => ({ pool: s![1], role: 'stage', column: i, groups: [{ count, tp, pp: 1, layers: Number(s![2]) }] }));
  const arrows: DiagramArrow[] = boxes.slice(1).map((_, i) => ({ from: i, to: i + 1, what: 'activations' }));
  return { boxes, arrows, notes: [`${count} replica${count === 1 ? '' : 's'}, each a ${stages.length}-stage pipeline; KV stays with each stage's layers`] };
}

export function deploymentModel(strategy: string, label: string): DeploymentModel {
  const fallback: DeploymentModel = { boxes: [{ pool: label, role: 'mixed', groups: [], column: 0 }], arrows: [], notes: ['deployment not recognised: shown as its label'] };
  let text = label.trim();
  const notes: string[] = [];
  if (strategy === 'pipeline') return pipelineModel(text) ?? fallback;

  if (strategy === 'disaggregated') {
    if (text.endsWith(' (TetriInfer)')) {
      text = text.slice(0, -' (TetriInfer)'.length);
      notes.push('TetriInfer scheduling: prefill in fixed chunks, decode placed by predicted length');
    }
    const m = /^prefill (.+) \| decode (.+)$/.exec(text);
    if (!m) return fallback;
    const boxes = [...boxesFor(m[1], 'prefill', 0), ...boxesFor(m[2], 'decode', 1)];
    return boxes.length > 0 ? { boxes, arrows: arrowsBetween(boxes, 0, 1, 'KV cache'), notes } : fallback;
  }

  if (strategy === 'cronus') {
    const pairs = /^(\d+) pairs: (.+)$/.exec(text);
    if (pairs) {
      text = pairs[2];
      notes.push(`${pairs[1]} pairs, each a partial-prefill GPU feeding one full instance`);
    }
    notes.push(NOTE_CRONUS);
    const i = text.indexOf(' + PPI ');
    if (i < 0) return fallback;
    const boxes = [...boxesFor(text.slice(i + ' + PPI '.length), 'partial-prefill', 0), ...boxesFor(text.slice(0, i), 'mixed', 1)];
    return boxes.length > 0 ? { boxes, arrows: arrowsBetween(boxes, 0, 1, 'KV cache'), notes } : fallback;
  }

  let role: InstanceRole = 'mixed';
  if (strategy === 'nexus' && text.endsWith(' (intra-GPU split)')) {
    text = text.slice(0, -' (intra-GPU split)'.length);
    role = 'split';
    notes.push(NOTE_NEXUS);
  }
  const boxes = boxesFor(text, role, 0);
  if (boxes.length === 0) return fallback;
  if (role === 'mixed') notes.push(NOTE_MIXED);
  return { boxes, arrows: [], notes };
}

/** Column of a role, left to right in the order a request visits them. */
function columnOf(g: { role: InstanceRole; stage?: number }, strategy: string): number {
  if (g.role === 'stage') return g.stage ?? 0;
  if (g.role === 'decode') return 1;
  if (g.role === 'mixed' && strategy === 'cronus') return 1;
  return 0;
}

const NOTE_MIXED = 'every instance runs prefill and decode (chunked prefill); KV stays on its instance';
const NOTE_NEXUS = 'Nexus: each GPU splits its SMs between prefill and decode; KV never leaves the GPU';
const NOTE_CRONUS = 'the PP instance prefills the first part of long prompts and hands its KV to its partner, which finishes prefill and decodes';

/** From the structured instances the search stored; the label only adds what it alone says (TetriInfer). */
export function structuredModel(strategy: string, label: string, instances: readonly DeploymentInstance[], flows: readonly KvFlow[]): DeploymentModel {
  const boxes: DiagramBox[] = [];
  const boxOf = (end: { pool: string; role: InstanceRole; stage?: number }) =>
    boxes.findIndex((b) => b.pool === end.pool && b.role === end.role && b.column === columnOf(end, strategy));
  for (const g of instances) {
    const role = g.role as InstanceRole;
    let i = boxOf({ pool: g.pool, role, stage: g.stage });
    if (i < 0) {
      boxes.push({ pool: g.pool, role, groups: [], column: columnOf({ role, stage: g.stage }, strategy) });
      i = boxes.length - 1;
    }
    boxes[i].groups.push({ count: g.count, tp: g.tp, pp: g.pp ?? 1, ...(g.layers !== undefined ? { layers: g.layers } : {}) });
  }
  // Same-column boxes stay in first-seen order; columns are laid out left to right by the layout.
  const arrows: DiagramArrow[] = flows.flatMap((f) => {
    const from = boxOf(f.from as { pool: string; role: InstanceRole; stage?: number });
    const to = boxOf(f.to as { pool: string; role: InstanceRole; stage?: number });
    return from >= 0 && to >= 0 && from !== to ? [{ from, to, what: f.what, path: f.path }] : [];
  });
  const notes: string[] = [];
  if (strategy === 'disaggregated' && label.endsWith(' (TetriInfer)')) notes.push('TetriInfer scheduling: prefill in fixed chunks, decode placed by predicted length');
  if (strategy === 'cronus') notes.push(NOTE_CRONUS);
  if (strategy === 'nexus') notes.push(NOTE_NEXUS);
  if (strategy === 'colocated') notes.push(NOTE_MIXED);
  if (strategy === 'pipeline') {
    const replicas = boxes.filter((b) => b.column === 0).reduce((s, b) => s + b.groups.reduce((t, g) => t + g.count, 0), 0);
    const stages = Math.max(0, ...boxes.map((b) => b.column + 1));
    notes.push(`${replicas} replica${replicas === 1 ? '' : 's'}, each a ${stages}-stage pipeline; KV stays with each stage's layers`);
  }
  for (const a of arrows) {
    if (!a.path) continue;
    const [f, t] = [boxes[a.from], boxes[a.to]];
    notes.push(`${a.what}: ${f.pool} (${ROLE_TEXT[f.role]}) → ${t.pool} (${ROLE_TEXT[t.role]}) over ${a.path}`);
  }
  return boxes.length > 0 ? { boxes, arrows, notes } : deploymentModel(strategy, label);
}

/** The diagram model of a stored deployment: structured when the run has it, else read from the label. */
export function modelOfDeployment(d: { strategy: string; label: string; instances?: readonly DeploymentInstance[]; kvFlows?: readonly KvFlow[] }): DeploymentModel {
  return d.instances && d.instances.length > 0 ? structuredModel(d.strategy, d.label, d.instances, d.kvFlows ?? []) : deploymentModel(d.strategy, d.label);
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface DiagramLayout {
  width: number;
  height: number;
  boxes: (Rect & { index: number; cells: (Rect & { text: string })[]; more: number })[];
  arrows: { x1: number; y1: number; x2: number; y2: number; what: string }[];
}

const PAD = 10;
const HEAD = 34;
const CELL_W = 58;
const CELL_H = 26;
const GAP = 6;
const MAX_CELLS = 24;

/** Columns of boxes left to right, boxes stacked in a column, instance cells wrapped inside each box. */
export function layoutDiagram(model: DeploymentModel, width: number): DiagramLayout {
  const columns = Math.max(1, ...model.boxes.map((b) => b.column + 1));
  const colGap = columns > 1 ? 70 : 0;
  const colW = (width - PAD * 2 - colGap * (columns - 1)) / columns;
  const perRow = Math.max(1, Math.floor((colW - PAD * 2 + GAP) / (CELL_W + GAP)));
  const colY = new Array<number>(columns).fill(PAD);
  const boxes: DiagramLayout['boxes'] = [];
  model.boxes.forEach((box, index) => {
    const cellsText: string[] = [];
    for (const g of box.groups) {
      const text = `${ROLE_BADGE[box.role]} TP${g.tp}${g.layers ? ` ${g.layers}L` : ''}`;
      for (let k = 0; k < g.count; k++) cellsText.push(text);
    }
    const shown = cellsText.slice(0, MAX_CELLS);
    const rows = Math.max(1, Math.ceil(shown.length / perRow));
    const x = PAD + box.column * (colW + colGap);
    const y = colY[box.column];
    const h = HEAD + rows * (CELL_H + GAP) + PAD - GAP;
    const cells = shown.map((text, k) => ({
      text,
      x: x + PAD + (k % perRow) * (CELL_W + GAP),
      y: y + HEAD + Math.floor(k / perRow) * (CELL_H + GAP),
      w: CELL_W,
      h: CELL_H,
    }));
    boxes.push({ index, x, y, w: colW, h, cells, more: cellsText.length - shown.length });
    colY[box.column] = y + h + 14;
  });
  const arrows = model.arrows.map((a) => {
    const s = boxes[a.from];
    const t = boxes[a.to];
    return { x1: s.x + s.w, y1: s.y + s.h / 2, x2: t.x, y2: t.y + t.h / 2, what: a.what };
  });
  return { width, height: Math.max(...colY, PAD + 40) - 14 + PAD, boxes, arrows };
}

/** GPUs a deployment uses in each pool: "H100 node" -> 8. Pipeline stages count their own pool's GPUs. */
export function gpusByPool(model: DeploymentModel): { pool: string; gpus: number }[] {
  const totals = new Map<string, number>();
  for (const box of model.boxes) {
    const n = box.groups.reduce((s, g) => s + g.count * g.tp * (box.role === 'stage' ? 1 : g.pp), 0);
    if (n > 0) totals.set(box.pool, (totals.get(box.pool) ?? 0) + n);
  }
  return [...totals].map(([pool, gpus]) => ({ pool, gpus }));
}
