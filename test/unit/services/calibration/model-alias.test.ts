// The alias rule for benchmark files' model ids, against the shipped catalog's ids.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assetsDir } from '../../../../main/paths';
import { catalogModelId } from '../../../../main/services/calibration/model-alias';

const ids = (JSON.parse(readFileSync(join(assetsDir(), 'models/catalog.json'), 'utf8')) as { id: string }[]).map((m) => m.id);
const resolve = (id: string) => catalogModelId(id, (c) => ids.includes(c), () => ids);

describe('catalogModelId', () => {
  it('maps instruction-tuned and chat checkpoints to their base model', () => {
    expect(resolve('meta-llama/Llama-3.1-8B-Instruct')).toBe('meta-llama/Llama-3.1-8B');
    expect(resolve('meta-llama/Meta-Llama-3.1-70B-Instruct')).toBe('meta-llama/Llama-3.1-70B'); // before Meta's rename
    expect(resolve('meta-llama/Meta-Llama-3-8B-Instruct')).toBe('meta-llama/Meta-Llama-3-8B');
    expect(resolve('meta-llama/Llama-2-7b-chat-hf')).toBe('meta-llama/Llama-2-7b-hf');
    expect(resolve('mistralai/Mistral-7B-Instruct-v0.1')).toBe('mistralai/Mistral-7B-v0.1');
    expect(resolve('mistralai/Mixtral-8x7B-Instruct-v0.1')).toBe('mistralai/Mixtral-8x7B-v0.1');
    expect(resolve('Qwen/Qwen2.5-7B-Instruct')).toBe('Qwen/Qwen2.5-7B');
    expect(resolve('Qwen/Qwen1.5-MoE-A2.7B-Chat')).toBe('Qwen/Qwen1.5-MoE-A2.7B');
    expect(resolve('qwen/qwen2.5-7b-instruct')).toBe('Qwen/Qwen2.5-7B'); // the Hub's ids are case-insensitive
  });

  it('keeps catalog ids and refuses what has no base in the catalog', () => {
    expect(resolve('meta-llama/Llama-3.1-8B')).toBe('meta-llama/Llama-3.1-8B');
    expect(resolve('acme/Unknown-9B-Instruct')).toBeNull();
    expect(resolve('Qwen/Qwen2.5-7B-Instructor')).toBeNull(); // only a whole "-Instruct" part is dropped
    expect(resolve('RedHatAI/Meta-Llama-3.1-8B-Instruct-FP8')).toBeNull(); // another organisation's quantised weights
  });
});
