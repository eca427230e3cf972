// A deployment as a picture: pools as boxes, instances inside with their role (P, D, P+D, P|D, PP, stage),
// arrows where KV (or pipeline activations) flows. Plain SVG from the structured instances the search stored
// (older runs: from the label the strategy wrote).
import { useMemo } from 'react';
import { layoutDiagram, modelOfDeployment, ROLE_BADGE, ROLE_TEXT, type InstanceRole } from './deployment-model';
import { strategyShort } from './chart-style';
import type { DeploymentInstance, KvFlow } from '../../../main/domain/result';
import './charts.css';

const ROLE_COLOR: Record<InstanceRole, string> = {
  prefill: '#2f6fd0',
  decode: '#1f9a4b',
  mixed: '#6e7781',
  split: '#8a5cd6',
  'partial-prefill': '#d0741c',
  stage: '#0f7b8a',
};

/** SVG text does not wrap or clip: cut it to what fits at ~6 px per character. */
function fit(text: string, px: number): string {
  const max = Math.max(4, Math.floor(px / 6));
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export interface DeploymentDiagramProps {
  strategy: string;
  label: string;
  /** GPUs in the whole deployment, shown in the caption. */
  gpus?: number;
  width?: number;
  /** The search's structured description; absent on runs stored before it was kept. */
  instances?: readonly DeploymentInstance[];
  kvFlows?: readonly KvFlow[];
}

export function DeploymentDiagram({ strategy, label, gpus, width = 640, instances, kvFlows }: DeploymentDiagramProps) {
  const model = useMemo(() => modelOfDeployment({ strategy, label, instances, kvFlows }), [strategy, label, instances, kvFlows]);
  const layout = useMemo(() => layoutDiagram(model, width), [model, width]);
  const roles = [...new Set(model.boxes.map((b) => b.role))];
  const legendY = layout.height + 4;
  const notesY = legendY + 22;
  const height = notesY + model.notes.length * 15 + 4;
  return (
    <svg className="fp-diagram" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img"
      aria-label={`${strategyShort(strategy)} deployment: ${label}${gpus ? `, ${gpus} GPUs` : ''}`} data-testid="deployment-diagram">
      <defs>
        <marker id="fp-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="arrow-head" />
        </marker>
      </defs>
      {layout.arrows.map((a, i) => {
        const mx = (a.x1 + a.x2) / 2;
        return (
          <g key={`a${i}`}>
            <path className="arrow" d={`M${a.x1},${a.y1} C${mx},${a.y1} ${mx},${a.y2} ${a.x2 - 2},${a.y2}`} markerEnd="url(#fp-arrow)" />
            {i === 0 && <text className="arrow-label" x={mx} y={Math.min(a.y1, a.y2) - 6} textAnchor="middle">{a.what}</text>}
          </g>
        );
      })}
      {layout.boxes.map((b) => {
        const box = model.boxes[b.index];
        const count = box.groups.reduce((s, g) => s + g.count, 0);
        const gpuCount = box.groups.reduce((s, g) => s + g.count * g.tp * g.pp, 0);
        return (
          <g key={`b${b.index}`} data-testid="diagram-pool" data-role={box.role}>
            <rect className="box" x={b.x} y={b.y} width={b.w} height={b.h} rx={6} />
            <text className="box-title" x={b.x + 10} y={b.y + 16}>{fit(box.pool, (b.w - 20) * 0.85)}<title>{box.pool}</title></text>
            <text className="box-sub" x={b.x + 10} y={b.y + 28}>
              {box.groups.length > 0 ? fit(`${count} instance${count === 1 ? '' : 's'} · ${gpuCount} GPU${gpuCount === 1 ? '' : 's'} · ${ROLE_TEXT[box.role]}`, b.w - 20) : ''}
            </text>
            {b.cells.map((c, k) => (
              <g key={k}>
                <rect x={c.x} y={c.y} width={c.w} height={c.h} rx={3} fill={ROLE_COLOR[box.role]} />
                <text className="cell-text" x={c.x + c.w / 2} y={c.y + c.h / 2 + 4} textAnchor="middle">{c.text}</text>
              </g>
            ))}
            {b.more > 0 && <text className="box-sub" x={b.x + b.w - 10} y={b.y + b.h - 6} textAnchor="end">+{b.more} more</text>}
          </g>
        );
      })}
      <g transform={`translate(10, ${legendY})`}>
        {roles.map((r, i) => (
          <g key={r} transform={`translate(${i * 180}, 0)`}>
            <rect width={26} height={14} rx={3} fill={ROLE_COLOR[r]} />
            <text className="cell-text" x={13} y={11} textAnchor="middle" style={{ fontSize: 9 }}>{ROLE_BADGE[r]}</text>
            <text className="note" x={32} y={11}>{ROLE_TEXT[r]}</text>
          </g>
        ))}
      </g>
      {model.notes.map((n, i) => (
        <text key={n} className="note" x={10} y={notesY + i * 15 + 10}>{fit(n, width - 20)}<title>{n}</title></text>
      ))}
    </svg>
  );
}
