import { describe, expect, it } from 'vitest';
import { synthesizeSchema } from '../../../main/ipc/contract';
import { fieldOfError, initialDraft, localProblems, toSpec, type Draft } from '../../../renderer/src/features/workloads/synthesize-spec';

const source = { id: 3, name: 'Azure conversation', sourceFormat: 'azure-2023', requestCount: 10, durationS: 1, meanInputTokens: 1000, meanOutputTokens: 200, attribution: null, createdAt: '' };
const draft = (over: Partial<Draft>): Draft => ({ ...initialDraft([source], 3), ...over });

describe('synthesize spec', () => {
  it('builds a spec the channel accepts for each arrival and length kind', () => {
    const cases: Partial<Draft>[] = [
      { arrival: 'poisson', lengths: 'workload' },
      { arrival: 'gamma', cv: 3, lengths: 'fixed', input: 512, output: 64 },
      { arrival: 'gamma', cv: 0.5, lengths: 'lognormal', inputMedian: 800, outputMedian: 150, sigma: 0.8 },
    ];
    for (const c of cases) {
      const spec = toSpec(draft(c), [source]);
      expect(synthesizeSchema.safeParse(spec).success, JSON.stringify(spec)).toBe(true);
    }
    const gamma = toSpec(draft({ arrival: 'gamma', cv: 3, lengths: 'workload' }), [source]);
    expect(gamma.arrival).toEqual({ kind: 'gamma', cv: 3 });
    expect(gamma.lengths).toEqual({ kind: 'workload', workloadId: 3 });
  });

  it('builds a closed-loop spec without a rate, with its users and think time on screen', () => {
    const d = draft({ arrival: 'closed-loop', users: 24, thinkTimeS: 1.5, lengths: 'fixed', input: 512, output: 64, ratePerS: Number.NaN });
    const spec = toSpec(d, [source]);
    expect(spec).toMatchObject({ arrival: { kind: 'closed-loop', users: 24, thinkTimeS: 1.5 }, lengths: { kind: 'fixed', input: 512, output: 64 } });
    expect(spec).not.toHaveProperty('ratePerS');
    expect(synthesizeSchema.safeParse(spec).success).toBe(true);
    expect(spec.name).toMatch(/^Closed loop 24 users, think 1.5 s/);
    // The hidden rate field is neither checked nor blamed; users and think time are.
    expect(localProblems(d)).toEqual({});
    expect(localProblems({ ...d, users: Number.NaN })).toEqual({ users: 'Type a number' });
    expect(fieldOfError('arrival.users', d)).toBe('users');
    expect(fieldOfError('ratePerS', d)).toBeNull();
  });

  it('names a blank workload after how it was made, and keeps a typed name', () => {
    expect(toSpec(draft({ ratePerS: 20, name: '  ' }), [source]).name).toMatch(/20 req\/s Poisson.*Azure conversation/);
    expect(toSpec(draft({ name: 'Mine' }), [source]).name).toBe('Mine');
  });

  it('puts a backend error next to the field it names, only when that field is on screen', () => {
    expect(fieldOfError('ratePerS', draft({}))).toBe('ratePerS');
    expect(fieldOfError('arrival.cv', draft({ arrival: 'gamma' }))).toBe('cv');
    expect(fieldOfError('arrival.cv', draft({ arrival: 'poisson' }))).toBeNull();
    expect(fieldOfError('lengths.inputMedian', draft({ lengths: 'lognormal' }))).toBe('inputMedian');
    expect(fieldOfError(undefined, draft({}))).toBeNull();
  });

  it('flags text that is not a number before calling the backend', () => {
    expect(localProblems(draft({ ratePerS: Number.NaN }))).toEqual({ ratePerS: 'Type a number' });
    expect(localProblems(draft({ lengths: 'fixed', input: Number.NaN, sigma: Number.NaN }))).toEqual({ input: 'Type a number' });
    expect(localProblems(draft({}))).toEqual({});
  });
});
