// Issue 14, findings 2 and 6: inventory and scenario files are parsed within bounds (size caps before any
// parsing, JSON through JSON.parse, YAML aliases capped) and every refusal names file and line in a message
// of at most 300 characters. Before, an alias bomb came back without file or line (a 500 through the API).
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../main/domain/errors';
import { parseInventoryFile, serializeInventory } from '../../main/services/inventory-file';
import { samplePools } from '../../main/services/seed';
import { MAX_YAML_FILE_CHARS } from '../../main/services/structured-file';

const gpus = new Set(samplePools().map((p) => p.gpuTypeId));

function refusal(text: string, fileName: string): AppError {
  try {
    parseInventoryFile(text, fileName, gpus);
  } catch (e) {
    return e as AppError;
  }
  throw new Error('was accepted');
}

describe('bounded inventory and scenario files', () => {
  it('refuses a YAML alias bomb naming the file and the line of its first alias', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const text = `format: fleetplan.inventory\nversion: 1\n${levels.join('\n')}\n`;
    const e = refusal(text, 'bomb.yaml');
    expect(e.code).toBe('invalid_input');
    expect(e.message).toMatch(/aliases \(\*name\) expand too far/);
    expect(e.location).toMatchObject({ file: 'bomb.yaml', line: 4 });
  });

  it('finds the line of a bad field in a JSON file without a YAML document', () => {
    const text = serializeInventory({ name: 'Fleet', notes: '', pools: samplePools() }, 'json').replace('"gpuCount": 8', '"gpuCount": -16');
    const e = refusal(text, 'fleet.json');
    expect(e.location).toMatchObject({ file: 'fleet.json', field: 'pools[0].gpuCount', line: text.split('\n').findIndex((l) => l.includes('-16')) + 1 });
    const later = serializeInventory({ name: 'Fleet', notes: '', pools: samplePools() }, 'json').replace('"gpuTypeId": "amd-mi300x"', '"gpuTypeId": "acme-x9000"');
    expect(refusal(later, 'fleet.json').location.line).toBe(later.split('\n').findIndex((l) => l.includes('acme-x9000')) + 1);
  });

  it('refuses a 5M-element array under an unknown key, naming the key (it took 75 s and 4.4 GB through YAML)', () => {
    const body = JSON.parse(serializeInventory({ name: 'Fleet', notes: '', pools: samplePools() }, 'json')) as Record<string, unknown>;
    const text = JSON.stringify({ ...body, junk: new Array(5_000_000).fill(0) });
    const e = refusal(text, 'big.json');
    expect(e.location).toMatchObject({ file: 'big.json', line: 1 });
    expect(e.message.length).toBeLessThanOrEqual(300);
  });

  it('refuses YAML past its cap before parsing, pointing at JSON', () => {
    const text = `format: fleetplan.inventory\nversion: 1\nnotes: "${'x'.repeat(MAX_YAML_FILE_CHARS)}"\n`;
    expect(refusal(text, 'big.yaml').message).toMatch(/a YAML file may be at most 2 MB \(save it as JSON/);
  });

  it('echoes at most a bounded piece of a huge or binary value', () => {
    const inv = serializeInventory({ name: 'Fleet', notes: '', pools: samplePools() }, 'json');
    const e = refusal(inv.replace('"gpuTypeId": "amd-mi300x"', `"gpuTypeId": "${'\\u0007'.repeat(10) + 'z'.repeat(1_000_000)}"`), 'bin.json');
    expect(e.message.length).toBeLessThanOrEqual(300);
    expect(e.message).not.toMatch(/\u0007/);
  });
});
