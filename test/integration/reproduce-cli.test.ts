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
    for (const x of rows) {
      expect(x.table).toBe('paper');
      expect(Number.isFinite(x.fleetplan) && Number.isFinite(x.baseline)).toBe(true);
      expect(typeof x.paper).toBe('string');
      expect(typeof x.holds).toBe('boolean');
      // "lower is better" rows hold exactly when fleetplan's figure is below the baseline's.
      if (x.system === 'cronus' && x.metric.includes('P99')) expect(x.holds, x.metric).toBe(x.fleetplan < x.baseline);
    }
    expect(r.err).toMatch(new RegExp(`reproduced ${rows.length} rows .*; ${rows.filter((x) => x.holds).length} hold`));

    const md = await cli(['--markdown']);
    const lines = md.out.trim().split('\n');
    expect(lines[0]).toMatch(/^\| Scenario \| Metric \|/);
    expect(lines.length - 2).toBe(rows.length);
    expect(lines.filter((l) => l.endsWith('| yes |')).length).toBe(rows.filter((x) => x.holds).length);
  }, 120_000);

  it('refuses an unknown flag by name', async () => {
    const r = await cli(['--csv']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown flag --csv');
  });
});
