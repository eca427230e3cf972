// The CLI's conventions, over every row of the command table: --help/-h answers with the usage and exit 0,
// --version prints package.json's version, an unknown flag is refused by name with exit 2, the top-level usage
// and README's command line section name every command and flag, progress written to a pipe (a real process's
// stderr) holds no carriage return, and the bash completion script completes in a real bash.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../main/cli';
import { commands } from '../../main/cli/commands';
import type { CliIo } from '../../main/cli/io';
import { bundleEntries, bundleEnv, repo } from '../helpers/bundle';
import { tempDir } from '../helpers/tmp';

async function cli(args: string[], extra: Partial<CliIo> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), readFile: (p) => readFile(p, 'utf8'), ...extra });
  return { code, stdout, stderr };
}

const flagsOf = (c: (typeof commands)[number]) => Object.keys(c.options).map((n) => `--${n}`);
const version = (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string }).version;

const tmp = tempDir();
let bin: string;
beforeAll(async () => {
  bin = (await bundleEntries(tmp.dir, { cli: 'main/cli.ts' })).cli;
}, 60_000);
afterAll(() => tmp.cleanup());

describe('fleetplan CLI conventions', () => {
  it('every command and subcommand answers --help and -h with its usage naming each of its flags, exit 0', async () => {
    expect(commands.map((c) => c.name)).toEqual(['compare', 'simulate', 'cost', 'validate', 'reproduce', 'report', 'import', 'calibrate', 'completion']);
    for (const c of commands) {
      for (const args of [[c.name, '--help'], [c.name, '-h'], ['help', c.name], ...(c.subcommands ?? []).map((s) => [c.name, s, '--help'])]) {
        const r = await cli(args);
        expect({ args, code: r.code, stderr: r.stderr }).toEqual({ args, code: 0, stderr: '' });
        expect(r.stdout.startsWith(`usage: fleetplan ${c.name}`), args.join(' ')).toBe(true);
        for (const f of flagsOf(c)) expect(r.stdout, `${c.name} --help names ${f}`).toContain(f);
      }
    }
    // --help wins over a mistake on the same line.
    expect((await cli(['compare', '--bogus', '-h'])).code).toBe(0);
  });

  it('--version prints package.json\'s version, in process and as a real process', async () => {
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    const p = spawnSync(process.execPath, [bin, '--version'], { cwd: repo, env: bundleEnv, encoding: 'utf8' });
    expect({ status: p.status, stdout: p.stdout }).toEqual({ status: 0, stdout: `${version}\n` });
  });

  it('refuses an unknown flag by name with exit 2 and the usage, on every command and at the top level', async () => {
    for (const c of commands) {
      const r = await cli([c.name, '--no-such-flag', 'x']);
      expect({ name: c.name, code: r.code, stdout: r.stdout }).toEqual({ name: c.name, code: 2, stdout: '' });
      expect(r.stderr).toContain(`fleetplan ${c.name}: unknown flag --no-such-flag\nusage: fleetplan ${c.name}`);
    }
    expect((await cli(['compare', '-x'])).stderr).toMatch(/^fleetplan compare: unknown flag -x\n/);
    const top = await cli(['--no-such-flag']);
    expect(top.code).toBe(2);
    expect(top.stderr).toMatch(/^fleetplan: unknown flag "--no-such-flag"/);
  });

  it('keeps the old reading of values: a flag followed by a flag has no value (exit 2); a value may start with one dash', async () => {
    const missing = await cli(['compare', '--inventory', 'sample', '--slo', '--json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^fleetplan compare: --slo needs a value\n/);
    const dash = await cli(['cost', '--gpu', 'nvidia-h100-sxm', '--model', 'meta-llama/Llama-3.1-8B', '--tp', '-1', '--cases', 'none.json']);
    expect(dash.code).toBe(3);
    expect(dash.stderr).toMatch(/--tp: must be a positive integer, got "-1"/);
    expect((await cli(['simulate', '--json=yes'])).stderr).toMatch(/^fleetplan simulate: --json takes no value\n/);
  });

  it('names every command and flag in the top-level usage and in README\'s command line section', async () => {
    const usage = (await cli(['--help'])).stdout;
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Command line'), readme.indexOf('\n## ', readme.indexOf('## Command line') + 1));
    expect(section.length).toBeGreaterThan(1000);
    for (const c of commands) {
      for (const word of [c.name, ...(c.subcommands ?? [])]) {
        expect(usage, `usage names ${word}`).toMatch(new RegExp(`\\b${word}\\b`));
        expect(section, `README names ${c.name} ${word}`).toMatch(new RegExp(`\\b${word}\\b`));
      }
      for (const f of flagsOf(c)) {
        expect(usage.split('\n').some((l) => l.split(/\s+/).includes(f)), `usage names ${f}`).toBe(true);
        // Each flag in backticks on its command's row of the README's table.
        const row = section.split('\n').find((l) => l.startsWith(`| \`${c.name}\``));
        expect(row, `README has a row for ${c.name}`).toBeDefined();
        expect(row, `README's ${c.name} row names ${f}`).toContain(`\`${f}\``);
      }
    }
  });

  it('writes plain progress lines, no carriage return, when stderr is a pipe; redraws in place on a terminal', async () => {
    const data = tempDir();
    try {
      const trace = 'assets/traces/AzureLLMInferenceTrace_code.csv';
      const p = spawnSync(process.execPath, [bin, 'import', 'trace', trace, '--data-dir', data.dir], { cwd: repo, env: bundleEnv, encoding: 'utf8' });
      expect(p.status, p.stderr).toBe(0);
      expect(p.stderr).not.toContain('\r');
      const lines = p.stderr.split('\n').filter(Boolean);
      expect(lines).toContain('reading [100%]');
      expect(lines).toContain('writing [100%]');
      // A tenth of the way per line: a log of a long import stays short.
      expect(lines.length).toBeLessThanOrEqual(2 * 12);

      const tty = await cli(['import', 'trace', trace, '--data-dir', join(data.dir, 'b')], { stderrIsTTY: true });
      expect(tty.code).toBe(0);
      expect(tty.stderr).toContain('\rreading [');
      const forced = await cli(['import', 'trace', trace, '--data-dir', join(data.dir, 'c'), '--progress'], { stderrIsTTY: true });
      expect(forced.code).toBe(0);
      expect(forced.stderr).not.toContain('\r');
      expect(forced.stderr).toContain('reading [100%]\n');
    } finally {
      data.cleanup();
    }
  });

  it('completes commands, subcommands and flags in a real bash from `fleetplan completion bash`', async () => {
    const r = await cli(['completion', 'bash']);
    expect(r.code).toBe(0);
    const complete = (...words: string[]) => execFileSync('bash', ['-c', `${r.stdout}\nCOMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _fleetplan; printf '%s\\n' "\${COMPREPLY[@]}"`, 'bash', ...words], { encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(complete('fleetplan', 'co')).toEqual(['compare', 'cost', 'completion']);
    expect(complete('fleetplan', 'import', '')).toEqual(['trace', 'inventory']);
    expect(complete('fleetplan', 'compare', '--s')).toEqual(['--slo', '--strategies', '--seed']);
    expect(complete('fleetplan', 'compare', '--slo', '')).toEqual([]); // a value: left to file name completion
    expect((await cli(['completion', 'fish'])).code).toBe(2);
    expect((await cli(['completion', 'zsh'])).stdout).toMatch(/^autoload -U \+X bashcompinit && bashcompinit\n/);
  });
});
