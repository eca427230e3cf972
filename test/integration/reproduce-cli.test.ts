// `fleetplan reproduce`: the built-in reproductions from the CLI, one JSON object per row, and the markdown
// table docs/model.md §6 is regenerated from.
import { describe, expect, it } from 'vitest';
import { run } from '../../main/cli/reproduce';

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const code = await run(args, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, readFile: async () => '' });
  return { code, out, err };
}

describe('fleetplan reproduce', () => {
  it('--json prints one row per line with the table, system, figures, the paper\'s claim and whether it holds', async () => {
    const r = await cli(['--json']);
    expect(r.code).toBe(0);
    const rows = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.length).toBeGreaterThanOrEqual(20);
    expect(new Set(rows.map((x) => x.system))).toEqual(new Set(['nexus', 'cronus', 'tetriinfer', 'mv-pd']));
    expect(new Set(rows.map((x) => x.table))).toEqual(new Set(['paper', 'modern']));
    for (const x of rows) {
      expect(typeof x.scenario === 'string' && typeof x.metric === 'string').toBe(true);
      expect(Number.isFinite(x.fleetplan) && Number.isFinite(x.baseline)).toBe(true);
      expect(typeof x.paper).toBe('string');
      expect(typeof x.holds).toBe('boolean');
      // "lower is better" rows hold exactly when fleetplan's figure is below the baseline's.
      if (/TTFT|TBT|JCT|\$ per/.test(x.metric) && !x.metric.includes('GPUs')) expect(x.holds, x.metric).toBe(x.fleetplan < x.baseline);
    }
    expect(r.err).toMatch(new RegExp(`reproduced ${rows.length} rows .*; ${rows.filter((x) => x.holds).length} hold`));

    const md = await cli(['--markdown']);
    // Two tables, each under its heading: the paper's, then the modern baseline's, every row in its own table.
    const tables = md.out.split(/^\*\*.*\*\*$/m).slice(1).map((t) => t.trim().split('\n'));
    expect(tables.length).toBe(2);
    for (const [i, t] of (['paper', 'modern'] as const).entries()) {
      expect(tables[i][0]).toMatch(/^\| Scenario \| Metric \|/);
      const mine = rows.filter((x) => x.table === t);
      expect(tables[i].length - 2).toBe(mine.length);
      expect(tables[i].filter((l) => l.endsWith('| yes |')).length).toBe(mine.filter((x) => x.holds).length);
    }
  }, 120_000);

  it('refuses an unknown flag by name', async () => {
    const r = await cli(['--csv']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown flag --csv');
  });
});
