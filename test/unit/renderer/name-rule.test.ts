// The renderer's name prompts refuse exactly what the channels refuse (one rule, main/ipc/names.ts): before,
// the prompts let a blank name through that the channel then refused, and counted the untrimmed length.
import { describe, expect, it } from 'vitest';
import { nameSchema } from '../../../main/ipc/contract';
import { nameRule } from '../../../renderer/src/lib/name-rule';

describe('nameRule', () => {
  it.each(['', ' ', '\t\n', 'x'.repeat(201), ` ${'y'.repeat(201)} `, 'prod, March', ` ${'z'.repeat(200)} `, 'x'.repeat(200), 'é'])('agrees with the channels on %j', (name) => {
    const accepted = nameSchema.safeParse(name).success;
    expect({ name: name.slice(0, 12), prompt: nameRule(name) === null }).toEqual({ name: name.slice(0, 12), prompt: accepted });
  });

  it('says what is wrong in the words of the channel', () => {
    expect(nameRule('   ')).toBe('The name must not be empty');
    expect(nameRule('n'.repeat(201))).toBe('The name must be at most 200 characters');
    expect(nameRule(` ${'n'.repeat(200)} `)).toBeNull();
  });
});
