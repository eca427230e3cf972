// A Mooncake trace imported into a real SQLite file keeps its block hash ids, reads back as shared prefixes,
// and prefix caching finds them cached when the requests run.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../db';
import { readWorkloadColumns } from '../../main/services/workload-columns';
import { importTraceFile } from '../../main/services/workload-import';
import { runEngine } from '../../main/sim/engine';
import { roofline } from '../unit/sim/fixtures';
import { tempDir } from '../helpers/tmp';

let done: (() => void)[] = [];
afterEach(() => {
  done.forEach((f) => f());
  done = [];
});

describe('a stored Mooncake workload under prefix caching', () => {
  it('reads back its hash ids as prefixes that hit', async () => {
    const t = tempDir();
    const db = openDatabase(join(t.dir, 'w.sqlite'));
    done.push(() => {
      db.close();
      t.cleanup();
    });
    const r = await importTraceFile(db, join(__dirname, '../../assets/traces/mooncake_synthetic_trace.jsonl'), { now: 'now' });
    const c = readWorkloadColumns(db, r.workloadId)!;
    expect(c.prefix).toBeTruthy();
    expect(c.prefix!.blockTokens).toBe(512);
    const n = Math.min(3000, c.arrivalS.length);
    const w = { n, arrivalS: c.arrivalS.subarray(0, n), inputTokens: c.inputTokens.subarray(0, n), outputTokens: c.outputTokens.subarray(0, n), prefix: c.prefix! };
    const cm = roofline();
    const on = runEngine(w, [{ cm }, { cm }], { scheduler: { prefixCaching: true } });
    const saved = on.instances.reduce((a, s) => a + s.prefix!.savedTokens, 0);
    expect(saved).toBeGreaterThan(0);
    const off = runEngine(w, [{ cm }, { cm }], { scheduler: { prefixCaching: false } });
    expect(off.instances[0].prefix).toBeNull();
    const pf = (x: typeof on) => x.instances.reduce((a, s) => a + s.prefillTokens, 0);
    expect(pf(on)).toBe(pf(off) - saved);
  });
});
