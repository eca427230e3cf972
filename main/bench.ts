// `npm run bench [name ...]`: runs the named benches (all by default), printing one JSON line per bench.
// Peak RSS is per process, so with no names each bench runs in a child process of its own and its memory
// figure is its own. `--data-dir DIR` (else the app's folder) names the data folder whose selected GPU
// calibrations the comparison bench applies, as `fleetplan compare` does.
import { spawnSync } from 'node:child_process';
import { BENCHES } from './bench/index';

async function main(argv: string[]): Promise<number> {
  const at = argv.findIndex((a) => a === '--data-dir' || a.startsWith('--data-dir='));
  const dataDir = at < 0 ? undefined : argv[at].includes('=') ? argv[at].slice('--data-dir='.length) : argv[at + 1];
  if (at >= 0 && !dataDir) {
    process.stderr.write('--data-dir needs a folder\n');
    return 2;
  }
  const flags = at < 0 ? [] : ['--data-dir', dataDir!];
  const names = argv.filter((a, i) => !a.startsWith('-') && !(at >= 0 && i === at + 1 && !argv[at].includes('=')));
  const unknown = names.filter((n) => !BENCHES.some((b) => b.name === n));
  if (unknown.length > 0) {
    process.stderr.write(`unknown bench: ${unknown.join(', ')}; known: ${BENCHES.map((b) => b.name).join(', ')}\n`);
    return 2;
  }
  if (names.length === 0) {
    let failed = 0;
    for (const b of BENCHES) {
      const r = spawnSync(process.execPath, [process.argv[1], b.name, ...flags], { stdio: 'inherit' });
      if (r.status !== 0) failed++;
    }
    return failed > 0 ? 1 : 0;
  }
  for (const b of BENCHES) {
    if (!names.includes(b.name)) continue;
    process.stdout.write(JSON.stringify(await b.run({ dataDir })) + '\n');
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  },
);
