// The report's sections, in reading order. Every figure from the comparison goes through the same cell
// functions as the CSV (main/reports/summary.ts), so paper and spreadsheet agree digit for digit.
import { ASSUMPTIONS, COST_MODEL_ERROR } from '../../../../main/reports/assumptions';
import { fixed } from '../../../../main/reports/format';
import { chosenDeployment, STRATEGY_NAMES, SUMMARY_COLUMNS, summaryTable } from '../../../../main/reports/summary';
import { recommend } from '../compare/recommend';
import { counterRows } from '../../../../main/reports/counters';
import { sloText } from '../../../../main/reports/recommendation';
import { RecommendationView } from '../compare/RecommendationView';
import type { ComparisonResult, Pool } from '../../../../main/domain';
import type { StrategyId } from '../../../../main/domain/strategy';
import {
  ArrivalRateChart, DeploymentDiagram, LatencyBarsChart, LatencyCdfChart, LengthCdfChart, ParetoChart, RateSweepChart, strategyShort, ThroughputLatencyChart,
  UtilizationChart, UtilizationTimeChart,
} from '../../charts';
import { reportChartPlan } from './chart-plan';
import { BarChart } from './charts';
import type { ReportData } from './load';
import { Facts, ReportTable } from './Table';

const nameOf = (s: string) => STRATEGY_NAMES[s as StrategyId] ?? s;
/** Chart widths in CSS pixels: the printable width of A4 (186 mm) less the column gap, halved; and whole. */
const HALF = 336;
const FULL = 690;


export function Cover({ d }: { d: ReportData }) {
  const result = d.run.result!;
  const s = d.scenario;
  const rec = recommend(result);
  const gpus = s.inventory.pools.reduce((a, p) => a + p.gpuCount, 0);
  return (
    <section className="report-cover">
      <p className="report-kicker">fleetplan capacity report</p>
      <h1>{d.run.name}</h1>
      <p className="report-question">
        How should <strong>{s.model.id}</strong> be served on <strong>{s.inventory.name}</strong> ({gpus} GPUs in {s.inventory.pools.length} pools)
        for the workload <strong>{s.workload.name}</strong> ({result.requests} requests replayed), meeting {sloText(s.slo)}, and what will it cost?
      </p>
      <div className={`report-recommendation ${rec.strategy ? '' : 'none'}`}>
        <h2>Recommendation</h2>
        {rec.strategy && rec.deployment && <p className="report-answer">{nameOf(rec.strategy)}: {rec.deployment.label}</p>}
        <RecommendationView rec={rec} className="report-rec-body" label={false} />
      </div>
      <h3>At a glance</h3>
      {subTable(result, GLANCE)}
      {/* The cost and latency charts are in the Charts section: repeated here they pushed the cover onto a second, near-empty page. */}
      <Facts items={[
        ['Run', `#${d.run.id}, started ${d.run.startedAt}${d.run.finishedAt ? `, finished ${d.run.finishedAt}` : ''}`],
        ['Seed', String(s.seed)],
        ['Made with', d.run.modelVersion],
      ]} />
    </section>
  );
}

function priceText(p: Pool): string {
  if (p.pricing.kind === 'hourly') return `$${fixed(p.pricing.usdPerGpuHour, 2)} per GPU-hour`;
  return `owned: $${fixed(p.pricing.purchaseUsd, 0)} over ${p.pricing.lifetimeYears} years, power $${fixed(p.pricing.powerUsdPerKwh, 3)}/kWh`;
}

/** Which calibration each GPU type ran with (the CSV's calibration column, per GPU type), "datasheet only" where none. */
function GpuCalibrations({ d }: { d: ReportData }) {
  const list = d.run.result?.calibrations;
  if (!list) return <p className="report-note" data-testid="report-calibrations">GPU calibration: not recorded (this run was stored before runs named their calibrations).</p>;
  return (
    <div data-testid="report-calibrations">
      <h3>GPU calibration</h3>
      <ReportTable
        cols={[{ label: 'GPU type' }, { label: 'Figures from' }, { label: 'Held-out error', unit: '%', numeric: true }]}
        rows={[
          ...list.map((c) => ({ c, strategy: '' })),
          // Strategies whose engine profile picked records of their own ran with those.
          ...(d.run.result?.strategies ?? []).flatMap((o) => (o.calibrations ?? []).map((c) => ({ c, strategy: ` (${o.strategy}, ${o.engine ?? 'default'})` }))),
        ].map(({ c, strategy }) => {
          const g = d.gpus.get(c.gpuTypeId);
          return [`${g ? `${g.vendor} ${g.name}` : c.gpuTypeId}${strategy}`, c.label, c.heldOutError === null ? '—' : fixed(c.heldOutError * 100, 1)];
        })}
      />
    </div>
  );
}

export function Inputs({ d }: { d: ReportData }) {
  const s = d.scenario;
  const w = d.workload;
  const m = d.model;
  const closed = d.run.result?.closedLoop;
  return (
    <section className="page">
      <h2>Inputs</h2>
      <h3>Inventory: {s.inventory.name}</h3>
      <ReportTable
        cols={[{ label: 'Pool' }, { label: 'GPU type' }, { label: 'GPUs', numeric: true }, { label: 'Per node', numeric: true }, { label: 'Memory', unit: 'GB', numeric: true }, { label: 'Intra-node link' }, { label: 'Inter-node link' }, { label: 'Price' }]}
        rows={s.inventory.pools.map((p) => {
          const g = d.gpus.get(p.gpuTypeId);
          return [p.name, g ? `${g.vendor} ${g.name}` : p.gpuTypeId, String(p.gpuCount), String(p.gpusPerNode), g ? fixed(g.memoryGb, 0) : '',
            `${p.intraNode.link}, ${fixed(p.intraNode.bandwidthGBps, 1)} GB/s`, `${p.interNode.link}, ${fixed(p.interNode.bandwidthGBps, 1)} GB/s`, priceText(p)];
        })}
      />
      <GpuCalibrations d={d} />
      <h3>Model: {s.model.id}</h3>
      <Facts items={[
        ['Parameters', m.parameters === null ? '—' : `${fixed(m.parameters / 1e9, 2)} billion`],
        ['KV cache per token', m.kvBytesPerToken === null ? '—' : `${fixed(m.kvBytesPerToken / 1024, 1)} KiB`],
        ['Layers', m.layers === null ? '—' : String(m.layers)],
        ['Hidden size', m.hidden === null ? '—' : String(m.hidden)],
        ['Attention heads (KV heads)', m.heads === null ? '—' : `${m.heads} (${m.kvHeads ?? '—'})`],
      ]} />
      <h3>Workload: {s.workload.name}</h3>
      {w ? (
        <>
          <Facts items={[
            ['Requests replayed', String(w.requests)],
            // A closed loop has no arrival times of its own (all stored as 0): its load is its users.
            ...(closed
              ? [['Closed loop', `${closed.users} users, think ${fixed(closed.thinkTimeS, 2)} s${closed.think === 'exponential' ? ' (exponential mean)' : ''}; no arrival rate`] as [string, string]]
              : [['Duration', `${fixed(w.durationS, 1)} s`], ['Mean arrival rate', `${fixed(w.meanRatePerS, 3)} requests/s`]] as [string, string][]),
            ['Input tokens: mean, P50, P99, max', `${fixed(w.input.mean, 1)}, ${w.input.p50}, ${w.input.p99}, ${w.input.max}`],
            ['Output tokens: mean, P50, P99, max', `${fixed(w.output.mean, 1)}, ${w.output.p50}, ${w.output.p99}, ${w.output.max}`],
          ]} />
          <div className="report-charts">
            {!closed && <ArrivalRateChart arrivals={w.arrivals} width={HALF} height={200} />}
            <LengthCdfChart input={w.input} output={w.output} width={HALF} height={200} />
          </div>
        </>
      ) : (
        <p className="report-note">{d.workloadNote || 'Workload statistics are not available.'}</p>
      )}
      <h3>Service-level objectives</h3>
      <p>{sloText(s.slo)}. A deployment meets them when its 99th percentiles on the whole replayed workload are within the targets.</p>
    </section>
  );
}

const GLANCE = ['strategy_name', 'deployment', 'meets_slo', 'usd_per_1m_tokens', 'ttft_p99_s', 'tbt_p99_ms', 'goodput_rps'];
const TABLE_A = ['strategy', 'deployment', 'meets_slo', 'gpus', 'usd_per_hour', 'throughput_rps', 'output_tokens_per_s', 'goodput_rps', 'max_goodput_rps'];
const TABLE_C = ['strategy', 'engine_name', 'scheduler_settings', 'prefix_hit_rate', 'prefix_cache_per_instance'];
const TABLE_B = ['strategy', 'ttft_p50_s', 'ttft_p99_s', 'tbt_p50_ms', 'tbt_p99_ms', 'usd_per_1m_input', 'usd_per_1m_output', 'usd_per_1m_tokens', 'joules_per_token', 'slo_attainment', 'utilization'];

/** One cell of the summary table, as the CSV has it. */
function summaryCell(o: Parameters<(typeof SUMMARY_COLUMNS)[number]['cell']>[0], d: ReturnType<typeof chosenDeployment>, key: string, result: ComparisonResult): string {
  return SUMMARY_COLUMNS.find((c) => c.key === key)!.cell(o, d, result);
}

function subTable(result: ComparisonResult, keys: string[]) {
  const t = summaryTable(result);
  const idx = keys.map((k) => t.header.indexOf(k));
  const cols = idx.map((i) => {
    const c = SUMMARY_COLUMNS[i];
    return { label: c.label, unit: c.paperUnit || undefined, numeric: c.numeric };
  });
  return <ReportTable cols={cols} rows={t.rows.map((r) => idx.map((i) => r[i]))} />;
}

export function Comparison({ d }: { d: ReportData }) {
  const result = d.run.result!;
  return (
    <section className="page">
      <h2>Strategy comparison</h2>
      <p>Each strategy with its cheapest deployment meeting the SLOs (or, when none does, the one that came closest). Strategies: {result.strategies.map((o) => `${o.strategy} = ${nameOf(o.strategy)}`).join('; ')}.</p>
      <h3>Deployment and throughput</h3>
      {subTable(result, TABLE_A)}
      <h3>Latency, cost and energy</h3>
      {subTable(result, TABLE_B)}
      <h3>Serving engine and scheduler settings</h3>
      <p>The engine profile each strategy's deployments were simulated with (assets/engines; the default is fleetplan's own scheduler), and the settings the chosen deployment ran with.</p>
      {subTable(result, TABLE_C)}
    </section>
  );
}

function CostChart({ result }: { result: ComparisonResult }) {
  const chosen = result.strategies.map(chosenDeployment);
  const v = (f: (m: NonNullable<(typeof chosen)[number]>['metrics']) => number) => chosen.map((c) => (c ? f(c.metrics) : null));
  return (
    <BarChart title="Cost per million tokens" caption="($, each strategy's chosen deployment)" categories={result.strategies.map((o) => strategyShort(o.strategy))} yLabel="$ per 1M tokens"
      series={[{ name: 'input', values: v((m) => m.usdPer1MInputTokens) }, { name: 'output', values: v((m) => m.usdPer1MOutputTokens) }, { name: 'all tokens', values: v((m) => m.usdPer1MTokens) }]} />
  );
}

/** A sentence in place of a chart the run has no data for. */
function Note({ text, testId }: { text: string; testId: string }) {
  return text ? <p className="report-note" data-testid={testId}>{text}</p> : null;
}

// The Compare screen's charts (renderer/src/charts), drawn at paper sizes; reportChartPlan says which ones
// this run has data for and what to print instead of the others.
export function Charts({ d }: { d: ReportData }) {
  const result = d.run.result!;
  const cats = result.strategies.map((o) => strategyShort(o.strategy));
  const chosen = result.strategies.map(chosenDeployment);
  const v = (f: (x: NonNullable<(typeof chosen)[number]>) => number | undefined) => chosen.map((c) => (c ? f(c) ?? null : null));
  const slo = d.scenario.slo;
  const ttftSloMs = slo.ttftP99S !== undefined ? slo.ttftP99S * 1000 : undefined;
  const tbtSloMs = slo.tbtP99S !== undefined ? slo.tbtP99S * 1000 : undefined;
  const plan = reportChartPlan(result, d.traces);
  return (
    <section>
      <h2>Charts</h2>
      <h3>Latency and cost of each chosen deployment</h3>
      <div className="report-charts">
        <LatencyBarsChart outcomes={result.strategies} metric="ttft" sloMs={ttftSloMs} width={HALF} height={210} />
        <LatencyBarsChart outcomes={result.strategies} metric="tbt" sloMs={tbtSloMs} width={HALF} height={210} />
        <CostChart result={result} />
        <BarChart title="Goodput" caption="(requests/s meeting the SLOs)" categories={cats} yLabel="requests/s"
          series={[{ name: 'at the workload\'s rate', values: v((c) => c.metrics.goodputRps) }, { name: 'max (rate probe)', values: v((c) => c.maxGoodputRps) }]} />
      </div>
      <h3>Latency distributions</h3>
      {plan.traces.length > 0 && (
        <div className="report-charts">
          <LatencyCdfChart traces={plan.traces} metric="ttft" sloS={slo.ttftP99S} width={HALF} height={210} />
          <LatencyCdfChart traces={plan.traces} metric="gap" sloS={slo.tbtP99S} width={HALF} height={210} />
          <LatencyCdfChart traces={plan.traces} metric="e2e" sloS={slo.e2eP99S} width={HALF} height={210} />
        </div>
      )}
      <Note text={plan.traceNote} testId="report-note-traces" />
      <h3>Throughput against latency as the arrival rate rises</h3>
      <Note text={plan.sweepNote} testId="report-note-sweep" />
      {plan.sweep ? (
        <div className="report-charts">
          <RateSweepChart outcomes={result.strategies} metric="ttft" sloMs={ttftSloMs} width={HALF} height={230} />
          <RateSweepChart outcomes={result.strategies} metric="tbt" sloMs={tbtSloMs} width={HALF} height={230} />
        </div>
      ) : plan.pareto && (
        // As on the Compare screen: without probes, every simulated deployment at the workload's own rate.
        <ThroughputLatencyChart outcomes={result.strategies} width={FULL} height={260} />
      )}
      <h3>Cost against latency</h3>
      {plan.pareto ? <ParetoChart result={result} width={FULL} height={300} /> : <Note text={plan.paretoNote} testId="report-note-pareto" />}
      <h3>GPU utilization</h3>
      <div className="report-charts">
        <UtilizationChart outcomes={result.strategies} width={HALF} height={230} />
        {plan.traces.map((t) => <UtilizationTimeChart key={t.strategy} trace={t} width={HALF} height={210} />)}
      </div>
      <Note text={plan.utilizationNote} testId="report-note-utilization" />
    </section>
  );
}

export function Deployments({ d }: { d: ReportData }) {
  const result = d.run.result!;
  return (
    <section className="page">
      <h2>Chosen deployment per strategy</h2>
      {result.strategies.map((o) => {
        const c = chosenDeployment(o);
        return (
          <div className="report-deployment" key={o.strategy}>
            <h3>{nameOf(o.strategy)} <span className="unit">({o.strategy})</span></h3>
            <Facts items={[
              ['Deployment', c ? c.label : 'nothing could be simulated'],
              ['Meets the SLOs', c?.meetsSlo ? 'yes' : 'no'],
              ['Serving engine', summaryCell(o, c, 'engine_name', result) || 'not recorded (stored before engines were kept)'],
              ['GPUs, price', c ? `${c.gpus} GPU${c.gpus === 1 ? '' : 's'}, $${fixed(c.usdPerHour, 2)} per hour` : '—'],
              ['Analytic capacity bound', c ? `${fixed(c.capacityRps, 3)} requests/s` : '—'],
              ['Highest rate multiple meeting the SLOs', c?.maxRateMultiple !== undefined ? `${c.maxRateMultiple}×` : 'not probed'],
              ['Search', `${o.enumerated} enumerated, ${o.prunedMemory} pruned for memory, ${o.prunedCapacity} pruned by the capacity bound, ${o.simulated} simulated`],
            ]} />
            {c && <DeploymentDiagram strategy={o.strategy} label={c.label} gpus={c.gpus} instances={c.instances} kvFlows={c.kvFlows} width={FULL} />}
            {c && Object.keys(c.extra).length > 0 && (
              <ReportTable className="narrow" cols={[{ label: 'In the simulation' }, { label: 'Value', numeric: true }]}
                rows={counterRows(c.extra)} />
            )}
          </div>
        );
      })}
    </section>
  );
}

export function Assumptions({ d }: { d: ReportData }) {
  return (
    <section className="page">
      <h2>Assumptions and accuracy</h2>
      <ul className="report-list">{ASSUMPTIONS.map((a) => <li key={a}>{a}</li>)}</ul>
      <h3>The cost model's measured error</h3>
      <ReportTable cols={[{ label: 'Compared against' }, { label: 'Points', numeric: true }, { label: 'Median error', unit: '%', numeric: true }, { label: 'Worst error', unit: '%', numeric: true }, { label: 'Source', breakAnywhere: true }]}
        rows={COST_MODEL_ERROR.map((e) => [e.what, String(e.points), fixed(e.medianPct, 1), fixed(e.worstPct, 1), e.source])} />
      <h3>Version</h3>
      <p>{d.run.modelVersion} (app {d.info.version}, database schema {d.info.schemaVersion}). Re-running this run's scenario file with the same version and seed gives the same figures.</p>
      <h3>Data attributions</h3>
      <ReportTable cols={[{ label: 'Data' }, { label: 'Licence' }, { label: 'Attribution' }, { label: 'Where', breakAnywhere: true }]}
        rows={d.info.licences.map((l) => [l.title, l.licence, l.attribution, l.url])} />
    </section>
  );
}
