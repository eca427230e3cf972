// The boundary check run as `npm run lint` runs it: on the real tree (must pass) and on a throwaway tree
// seeded with each kind of violation (must fail, naming file and line) and with look-alikes (must pass).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = resolve('scripts/check-boundaries.mjs');
let tmp: string | undefined;

function check(root?: string) {
  const r = spawnSync(process.execPath, [SCRIPT, ...(root ? [root] : [])], { encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function tree(files: Record<string, string>): string {
  tmp = mkdtempSync(join(tmpdir(), 'fleetplan-boundaries-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(tmp, rel)), { recursive: true });
    writeFileSync(join(tmp, rel), text);
  }
  return tmp;
}

afterEach(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  tmp = undefined;
});

// Fixture sources are template literals: the checker blanks those, so this file itself stays clean.
const SHELL_OK = `import { app, ipcMain } from 'electron';\nexport const a = [app, ipcMain];\n`;
const LOOKALIKES = `// require('electron') is banned here, and so is: import { app } from 'electron';
/* import x from 'electron' */
import type { BrowserWindow } from 'electron';
import { type IpcMainInvokeEvent, type WebContents } from 'electron';
export type { Session } from 'electron';
const note = "require('electron') in a string is not an import";
export const w: BrowserWindow | null = null;
export { note };
`;

describe('check-boundaries', () => {
  it('passes on the real tree', () => {
    const r = check();
    expect(r.out).toMatch(/boundaries: ok \(\d+ files checked\)/);
    expect(r.status).toBe(0);
  });

  it('passes on the three shell files and on type-only imports, comments and strings', () => {
    const root = tree({
      'main/index.ts': SHELL_OK,
      'main/preload.ts': SHELL_OK,
      'main/ipc/register.ts': SHELL_OK,
      'main/host/types.ts': LOOKALIKES,
      'main/sim/engine.ts': `import type { Pool } from '../domain/inventory';\nexport const now = (t: number) => t; // Date.now() is banned\n`,
      'main/domain/inventory.ts': `import { z } from 'zod';\nexport const pool = z.object({});\nexport type Pool = z.infer<typeof pool>;\n`,
    });
    const r = check(root);
    expect(r.out).toContain('boundaries: ok (6 files checked)');
    expect(r.status).toBe(0);
  });

  it('fails with file:line for each value import of electron outside the shell', () => {
    const root = tree({
      'main/index.ts': SHELL_OK,
      'main/host/server.ts': `// fine\nimport { app } from 'electron';\n`,
      'main/services/x.ts': `export {};\nconst e = require("electron");\n`,
      'main/services/y.ts': `\n\nimport * as electron from 'electron/main';\n`,
      'main/services/z.ts': `import { type App, shell } from 'electron';\n`,
      'renderer/src/a.ts': `export async function f() {\n  return import('electron');\n}\n`,
      'test/unit/b.test.ts': `import 'electron';\n`,
      'scripts/c.mjs': `export { app } from 'electron';\n`,
    });
    const r = check(root);
    expect(r.status).toBe(1);
    for (const where of [
      'main/host/server.ts:2:',
      'main/services/x.ts:2:',
      'main/services/y.ts:3:',
      'main/services/z.ts:1:',
      'renderer/src/a.ts:2:',
      'test/unit/b.test.ts:1:',
      'scripts/c.mjs:1:',
    ]) {
      expect(r.out).toContain(where);
    }
    expect(r.out).not.toMatch(/^main\/index\.ts:/m);
    expect(r.out).toContain('7 violation(s)');
  });

  it('fails when main/sim touches fs, path, the database, electron, the clock or Math.random', () => {
    const root = tree({
      'main/sim/a.ts': `import { readFileSync } from 'node:fs';\nimport { join } from 'path';\n`,
      'main/sim/b.ts': `import type { Db } from '../../db';\nimport Database from 'better-sqlite3';\n`,
      'main/sim/c.ts': `import type { App } from 'electron';\nexport const t = Date.now();\nexport const r = Math.random();\n`,
      'main/sim/d.ts': `import { listInventories } from '../../db/queries/inventories';\n`,
    });
    const r = check(root);
    expect(r.status).toBe(1);
    for (const where of ['main/sim/a.ts:1:', 'main/sim/a.ts:2:', 'main/sim/b.ts:1:', 'main/sim/b.ts:2:', 'main/sim/c.ts:1:', 'main/sim/c.ts:2:', 'main/sim/c.ts:3:', 'main/sim/d.ts:1:']) {
      expect(r.out).toContain(where);
    }
  });

  it('fails with file:line on an upward import, type-only or not, and on a renderer reaching past the domain', () => {
    const root = tree({
      'main/domain/slo.ts': `import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n`,
      'main/domain/pool.ts': `import type { Engine } from '../sim/engine';\nexport type P = Engine;\n`,
      'main/sim/engine.ts': `export type Engine = number;\nimport type { Pool } from '../ipc/types';\n`,
      'main/ipc/types.ts': `export type Pool = number;\n`,
      'db/queries/runs.ts': `import { run } from '../../main/services/compare';\n`,
      'main/services/compare.ts': `export const run = 1;\nimport { channels } from '../ipc/types';\n`,
      'renderer/src/view.ts': `import { simulate } from '../../main/sim/engine';\nimport type { Slo } from '../../main/domain/slo';\n`,
      'renderer/src/lib/x.ts': `import type { Api } from '../../../main/ipc/contract';\n`,
      'renderer/src/api/client.ts': `import type { Api } from '../../../main/ipc/contract';\n`,
      'main/ipc/contract.ts': `export type Api = number;\n`,
    });
    const r = check(root);
    expect(r.status).toBe(1);
    for (const where of [
      'main/domain/slo.ts:1: main/domain imports nothing but zod',
      'main/domain/pool.ts:1: domain must not import sim',
      'main/sim/engine.ts:2: sim must not import adapters (main/ipc/types.ts)',
      'db/queries/runs.ts:1: db must not import services',
      'main/services/compare.ts:2: services must not import adapters',
      'renderer/src/view.ts:1: the renderer may import only main/domain',
      'renderer/src/lib/x.ts:1: the renderer may import only main/domain',
    ]) {
      expect(r.out).toContain(where);
    }
    // The domain import and the api client's type-only contract import are allowed.
    expect(r.out).not.toMatch(/^renderer\/src\/(view\.ts:2|api\/client\.ts)/m);
    expect(r.out).toContain('7 violation(s)');
  });

  it('fails when the renderer imports a value from a domain file that loads zod, directly or through another', () => {
    const root = tree({
      'main/domain/slo.ts': `export const SLO_FIELDS = ['ttftP99S'] as const;\nexport type Slo = { ttftP99S?: number };\n`,
      'main/domain/slo-schema.ts': `import { z } from 'zod';\nexport const sloSchema = z.object({});\n`,
      'main/domain/comparison.ts': `import { sloSchema } from './slo-schema';\nexport const STRATEGY = 'colocated';\nexport { sloSchema };\n`,
      'renderer/src/a.ts': `import { SLO_FIELDS, type Slo } from '../../main/domain/slo';\nimport type { sloSchema } from '../../main/domain/slo-schema';\n`,
      'renderer/src/b.ts': `export {};\nimport { STRATEGY } from '../../main/domain/comparison';\n`,
    });
    const r = check(root);
    expect(r.status).toBe(1);
    expect(r.out).toContain('renderer/src/b.ts:2: the renderer may import values only from zod-free domain files; main/domain/comparison.ts loads zod');
    expect(r.out).not.toContain('renderer/src/a.ts');
    expect(r.out).toContain('1 violation(s)');
  });

  it('fails on a folder cycle, and on a baseline line that no longer occurs; passes what the baseline lists', () => {
    const files = {
      'main/sim/a/x.ts': `import { y } from '../b/y';\nexport const x = y;\n`,
      'main/sim/b/y.ts': `export const y = 1;\nimport type { Z } from '../a/z';\n`,
      'main/sim/a/z.ts': `export type Z = number;\n`,
      'main/sim/c.ts': `import type { Pool } from '../ipc/types';\n`,
      'main/ipc/types.ts': `export type Pool = number;\n`,
    };
    let r = check(tree(files));
    expect(r.status).toBe(1);
    expect(r.out).toContain('folders import each other in a cycle: main/sim/a -> main/sim/b (main/sim/a/x.ts:1); main/sim/b -> main/sim/a (main/sim/b/y.ts:2)');
    expect(r.out).toContain('main/sim/c.ts:1: sim must not import adapters');
    rmSync(tmp!, { recursive: true, force: true });
    const baseline = `# known\ncycle main/sim/a main/sim/b\nmain/sim/c.ts -> main/ipc/types.ts\n`;
    r = check(tree({ ...files, 'scripts/layering-baseline.txt': baseline }));
    expect(r.out).toContain('boundaries: ok');
    expect(r.status).toBe(0);
    rmSync(tmp!, { recursive: true, force: true });
    r = check(tree({ ...files, 'main/sim/c.ts': `export {};\n`, 'scripts/layering-baseline.txt': baseline }));
    expect(r.status).toBe(1);
    expect(r.out).toContain('"main/sim/c.ts -> main/ipc/types.ts" no longer occurs');
  });
});
