// `npm run bench [name ...]`: runs the named benches (all by default), each in turn, printing one JSON line
// per bench. Peak RSS is per process, so run one bench per invocation when its memory figure matters
// (`npm run bench sim`).
import { BENCHES } from './bench/index';

async function main(argv: string[]): Promise<number> {
  const names = argv.filter((a) => !a.startsWith('-'));
  const unknown = names.filter((n) => !BENCHES.some((b) => b.name === n));
  if (unknown.length > 0) {
    process.stderr.write(`unknown bench: ${unknown.join(', ')}; known: ${BENCHES.map((b) => b.name).join(', ')}\n`);
    return 2;
  }
  for (const b of BENCHES) {
    if (names.length > 0 && !names.includes(b.name)) continue;
    process.stdout.write(JSON.stringify(await b.run()) + '\n');
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
