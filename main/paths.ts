// Where fleetplan keeps its data and finds its shipped assets, for serve, the CLI and tests.
// (The Electron shell passes app.getPath('userData') instead of resolveDataDir.)
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface DataDirOptions {
  dataDirFlag?: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  home: string;
}

/** --data-dir wins; else the platform's per-user data folder (XDG_DATA_HOME on Linux). */
export function resolveDataDir(opts: DataDirOptions): string {
  if (opts.dataDirFlag) return resolve(opts.dataDirFlag);
  const { env, platform, home } = opts;
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'fleetplan');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'fleetplan');
  const xdg = env.XDG_DATA_HOME && env.XDG_DATA_HOME.startsWith('/') ? env.XDG_DATA_HOME : join(home, '.local', 'share');
  return join(xdg, 'fleetplan');
}

export const DATABASE_FILE = 'fleetplan.sqlite';

/**
 * The shipped assets folder. Bundles live in dist/main, sources in main/, the packaged app in app.asar:
 * walk up from wherever this code runs until assets/hardware/gpus.csv appears.
 */
export function assetsDir(): string {
  const starts = [typeof __dirname === 'string' ? __dirname : '', process.cwd()].filter(Boolean);
  for (const start of starts) {
    let dir = start;
    for (let i = 0; i < 6; i++) {
      if (existsSync(join(dir, 'assets', 'hardware', 'gpus.csv'))) return join(dir, 'assets');
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  throw new Error('fleetplan could not find its assets folder (assets/hardware/gpus.csv).');
}
