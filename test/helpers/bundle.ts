// Bundles main-side entries with esbuild into a temp folder, the way scripts/build.mjs does, so tests can run
// real fleetplan processes without a full build. `renderer/index.html` is a fixture, enough for serve to start.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

export const repo = resolve('.');

/** The environment a bundle runs in: better-sqlite3 resolved from the repository's node_modules. */
export const bundleEnv = { ...process.env, NODE_PATH: join(repo, 'node_modules') };

/** Bundles each `name: entry.ts` (paths from the repository root) to `<base>/main/<name>.cjs`; returns their paths. */
export async function bundleEntries(base: string, entries: Record<string, string>): Promise<Record<string, string>> {
  mkdirSync(join(base, 'renderer'), { recursive: true });
  writeFileSync(join(base, 'renderer', 'index.html'), '<!doctype html><title>fixture</title>');
  const out: Record<string, string> = {};
  await Promise.all(
    Object.entries(entries).map(async ([name, entry]) => {
      out[name] = join(base, 'main', `${name}.cjs`);
      await build({
        entryPoints: [join(repo, entry)],
        outfile: out[name],
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        external: ['electron', 'better-sqlite3'],
        logLevel: 'error',
        plugins: [
          {
            name: 'raw-text',
            setup(b) {
              b.onResolve({ filter: /\?raw$/ }, (a) => ({ path: join(a.resolveDir, a.path.replace(/\?raw$/, '')), namespace: 'raw' }));
              b.onLoad({ filter: /.*/, namespace: 'raw' }, (a) => ({ contents: readFileSync(a.path, 'utf8'), loader: 'text' }));
            },
          },
        ],
      });
    }),
  );
  return out;
}
