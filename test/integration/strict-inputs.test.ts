// Issue 14, findings 3, 4 and 6: token counts, arrival times and dates are read strictly in every trace format
// and in scenario files; a refusal names file, line and field, echoes at most a bounded piece of the value,
// and stores nothing. Before, 4294967297 tokens was stored as 1, 0x10 as 16, 30 February as 2 March.
import { readFile } from 'node:fs/promises';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db';
import { listInventories } from '../../db/queries/inventories';
import { listWorkloads } from '../../db/queries/workloads';
import { main } from '../../main/cli';
import type { AppError } from '../../main/domain/errors';
import { buildScenario, readScenarioFile, serializeScenario } from '../../main/services/scenario-file';
import { readTrace } from '../../main/services/traces';
import { cleanupHarnesses, harness } from '../helpers/harness';
import { tempDir } from '../helpers/tmp';

let cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
  cleanupHarnesses();
});

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (e) {
    return e as AppError;
  }
  throw new Error('was accepted');
}

/** One file per format, the second request's input count written as `v` (`arrival` its time where given). */
const formats: Record<string, (v: string, arrival?: string) => string> = {
  'azure.csv': (v, a = '2023-11-16 18:17:04.0') => `TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.9,10,5\n${a},${v},5\n`,
  'azure-quoted.csv': (v, a = '2023-11-16 18:17:04.0') => `TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.9,10,5\n"${a}","${v}",5\n`,
  'burstgpt.csv': (v, a = '2') => `Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type\n1,GPT-4,10,5,15,x\n${a},GPT-4,${v},5,15,x\n`,
  'splitwise.csv': (v, a = '2') => `arrival_timestamp,prompt_size,token_size\n1,10,5\n${a},${v},5\n`,
  'vidur.csv': (v, a = '2') => `arrived_at,num_prefill_tokens,num_decode_tokens\n1,10,5\n${a},${v},5\n`,
  'lengths.csv': (v) => `num_prefill_tokens,num_decode_tokens\n10,5\n${v},5\n`,
  'mooncake.jsonl': (v, a = '2') => `{"timestamp": 1, "input_length": 10, "output_length": 5}\n{"timestamp": ${a}, "input_length": ${v}, "output_length": 5}\n`,
};
const inputField: Record<string, string> = {
  'azure.csv': 'ContextTokens', 'azure-quoted.csv': 'ContextTokens', 'burstgpt.csv': 'Request tokens', 'splitwise.csv': 'prompt_size',
  'vidur.csv': 'num_prefill_tokens', 'lengths.csv': 'num_prefill_tokens', 'mooncake.jsonl': 'input_length',
};
const arrivalField: Record<string, string> = { 'azure.csv': 'TIMESTAMP', 'azure-quoted.csv': 'TIMESTAMP', 'burstgpt.csv': 'Timestamp', 'splitwise.csv': 'arrival_timestamp', 'vidur.csv': 'arrived_at', 'mooncake.jsonl': 'timestamp' };

describe('token counts', () => {
  const bad = ['4294967297', '4294967396', '2147483648', '1000001', '1e308', '1e3', '0x10', '0b101', '+5', '-5', '0', '12.5', ''];
  for (const [file, make] of Object.entries(formats)) {
    it(`${file}: decimal whole numbers from 1 to 1,000,000 only, refused naming file, line and field`, () => {
      expect(readTrace(make('1000000'), file).inputTokens[1]).toBe(1_000_000);
      if (!file.endsWith('.jsonl')) expect(readTrace(make('007'), file).inputTokens[1]).toBe(7);
      // In JSON, 1e3 is the number 1000 by JSON's own grammar (a number, not text), so it is read as 1000.
      for (const v of file.endsWith('.jsonl') ? bad.filter((b) => b !== '1e3') : bad) {
        // JSON has no bare empty value or hex: those are strings there, refused by the same rule.
        const written = file.endsWith('.jsonl') && /^(|0x10|0b101|\+5)$/.test(v) ? JSON.stringify(v) : v;
        const e = refusal(() => readTrace(make(written), file));
        expect({ v, message: e.message, location: e.location }).toEqual({
          v, message: expect.stringMatching(/is not a positive whole number of tokens \(at most 1,000,000\)/), location: { file, line: file.endsWith('.jsonl') ? 2 : 3, field: inputField[file] },
        });
      }
    });
  }

  it('the CLI refuses 4294967297 tokens with exit 3 and stores nothing (it was stored as 1)', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const file = join(t.dir, 'wrap.jsonl');
    writeFileSync(file, formats['mooncake.jsonl']('4294967297'));
    let stderr = '';
    const code = await main(['import', 'trace', file, '--data-dir', t.dir], { stdout: () => {}, stderr: (s) => void (stderr += s), readFile: (p) => readFile(p, 'utf8') });
    expect(code).toBe(3);
    expect(stderr).toMatch(/wrap\.jsonl, line 2: input_length: "4294967297" is not a positive whole number of tokens/);
    const db = openDatabase(join(t.dir, 'fleetplan.sqlite'));
    expect(db.prepare('SELECT COUNT(*) FROM workloads WHERE builtin = 0').pluck().get()).toBe(0);
    db.close();
  });
});

describe('arrival times and dates', () => {
  it.each(Object.keys(arrivalField).filter((f) => !f.startsWith('azure')))('%s: ±1e308, negative and more-than-a-year arrivals are refused', (file) => {
    const overAYear = file.endsWith('.jsonl') ? '40000000000' : '40000000'; // ms in Mooncake files, seconds in the CSVs
    for (const [a, message] of [['1e308', /./], ['-1e308', /./], ['-3', /negative time/], [overAYear, /is more than 366 days from the first request's time/]] as const) {
      const e = refusal(() => readTrace(formats[file]('10', a), file));
      expect({ a, message: e.message, location: e.location }).toEqual({ a, message: expect.stringMatching(message), location: { file, line: file.endsWith('.jsonl') ? 2 : 3, field: arrivalField[file] } });
    }
  });

  it.each(['azure.csv', 'azure-quoted.csv'])('%s: impossible calendar dates and clock times are refused, not normalised', (file) => {
    for (const a of ['2023-13-45 25:61:61', '2023-02-30 10:00:00', '2023-02-29 10:00:00', '2023-11-16 24:00:00', '2023-11-16 18:60:00', '2023-11-16 18:17:60', '2023-11-16 18:17:04+25:00']) {
      const e = refusal(() => readTrace(formats[file]('10', a), file));
      expect({ a, message: e.message, location: e.location }).toEqual({ a, message: expect.stringMatching(/is not a date and time/), location: { file, line: 3, field: 'TIMESTAMP' } });
    }
    // A real leap day still reads.
    expect(readTrace(formats[file]('10', '2024-02-29 00:00:00').replace('2023-11-16 18:17:03.9', '2024-02-28 23:59:59'), file).arrivalS[1]).toBe(1);
  });

  it('a trace whose arrivals go backwards is sorted, and the CLI says so on its own line', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const file = join(t.dir, 'back.csv');
    writeFileSync(file, 'arrived_at,num_prefill_tokens,num_decode_tokens\n5,10,5\n2,20,5\n1,30,5\n');
    expect(readTrace(`arrived_at,num_prefill_tokens,num_decode_tokens\n5,10,5\n2,20,5\n1,30,5\n`, 'back.csv').reordered).toBe(2);
    let stderr = '';
    let stdout = '';
    const code = await main(['import', 'trace', file, '--data-dir', t.dir], { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), readFile: (p) => readFile(p, 'utf8') });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ requests: 3, reordered: 2 });
    expect(stderr.split('\n')).toContain('fleetplan import: warning: back.csv: 2 requests arrived before an earlier row and were sorted into time order');
  });
});

describe('scenario files', () => {
  function embeddedScenario() {
    const { db } = harness();
    const w = listWorkloads(db).find((x) => x.requestCount === 3993)!;
    const req = { inventoryId: listInventories(db)[0].id, modelId: 'Qwen/Qwen2.5-7B', workloadId: w.id, slo: {}, strategies: ['colocated' as const], seed: 1 };
    const text = serializeScenario(buildScenario(db, req, { embedWorkload: true }), 'json');
    return { db, text, data: JSON.parse(text) as { workload: { embedded: { arrivalS: number[]; inputTokens: number[] } } } };
  }

  it('refuses token counts past the bound and unsorted or absurd arrivals, naming field and line', () => {
    const { db, data } = embeddedScenario();
    const cases: [string, (d: typeof data) => void, RegExp, string][] = [
      ['wraps to 1', (d) => void (d.workload.embedded.inputTokens[3] = 4294967297), /Too big|at most|<=/i, 'workload.embedded.inputTokens[3]'],
      ['1e308', (d) => void (d.workload.embedded.inputTokens[3] = 1e308), /Too big|at most|<=/i, 'workload.embedded.inputTokens[3]'],
      ['unsorted', (d) => void ([d.workload.embedded.arrivalS[5], d.workload.embedded.arrivalS[6]] = [d.workload.embedded.arrivalS[6], d.workload.embedded.arrivalS[5]]), /must be in time order/, 'workload.embedded.arrivalS[6]'],
      ['1e308 s', (d) => void (d.workload.embedded.arrivalS[d.workload.embedded.arrivalS.length - 1] = 1e308), /Too big|<=/i, `workload.embedded.arrivalS[${data.workload.embedded.arrivalS.length - 1}]`],
    ];
    for (const [what, edit, message, field] of cases) {
      const d = structuredClone(data);
      edit(d);
      const text = JSON.stringify(d, null, 2);
      const e = refusal(() => readScenarioFile(db, text, 's.json'));
      expect({ what, message: e.message, field: e.location.field, file: e.location.file, hasLine: typeof e.location.line === 'number' })
        .toEqual({ what, message: expect.stringMatching(message), field, file: 's.json', hasLine: true });
    }
  });
});
