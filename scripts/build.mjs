// Builds main-side entries with esbuild (fast, one file each, CommonJS for Electron and Node alike) and the
// renderer with Vite. `--if-stale` skips the build when every output is newer than every source.
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { readdirSync, readFileSync, statSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cspMetaPlugin } from './csp-meta.mjs';

const root = process.cwd();
const entries = {
  index: 'main/index.ts',
  preload: 'main/preload.ts',
  serve: 'main/serve.ts',
  cli: 'main/cli.ts',
  bench: 'main/bench.ts',
};
for (const f of existsSync('main/workers') ? readdirSync('main/workers') : []) {
  if (f.endsWith('.worker.ts')) entries[`workers/${f.replace(/\.ts$/, '')}`] = `main/workers/${f}`;
}

function newest(dir) {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

if (process.argv.includes('--if-stale') && existsSync('dist/.stamp')) {
  const src = Math.max(newest('main'), newest('renderer'), newest('db'), newest('assets'), statSync('package.json').mtimeMs);
  if (statSync('dist/.stamp').mtimeMs > src) process.exit(0);
}

// `import sql from './x.sql?raw'` (Vite's syntax, which vitest understands) bundled as a string.
const rawText = {
  name: 'raw-text',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (a) => ({ path: join(a.resolveDir, a.path.replace(/\?raw$/, '')), namespace: 'raw' }));
    b.onLoad({ filter: /.*/, namespace: 'raw' }, (a) => ({ contents: readFileSync(a.path, 'utf8'), loader: 'text' }));
  },
};

const present = Object.fromEntries(Object.entries(entries).filter(([, f]) => existsSync(f)));
// Each entry builds on its own, so one broken entry still reports every other entry's state.
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  external: ['electron', 'better-sqlite3'],
  logLevel: 'silent',
  plugins: [rawText],
};
const results = await Promise.allSettled(
  // The preload carries the contract (and so zod) into every window: minify it.
  Object.entries(present).map(([name, file]) =>
    build({ ...common, entryPoints: [file], outfile: `dist/main/${name}.cjs`, minify: name === 'preload' }),
  ),
);
const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [[Object.keys(present)[i], r.reason]] : []));
for (const [name, err] of failed) {
  console.error(`build: ${name} failed:`);
  for (const e of err.errors ?? [err]) console.error(`  ${e.location ? `${e.location.file}:${e.location.line}: ` : ''}${e.text ?? e.message}`);
}

// The CSP meta tag in index.html is written from main/security/csp.ts (scripts/csp-meta.mjs).
await viteBuild({ configFile: join(root, 'vite.config.mts'), logLevel: 'warn', plugins: [await cspMetaPlugin(root)] });
mkdirSync('dist', { recursive: true });
if (failed.length > 0) process.exit(1);
writeFileSync('dist/.stamp', new Date().toISOString());
