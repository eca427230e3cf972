#!/usr/bin/env node
// `npx fleetplan …`: builds on first use (the bundle is not committed), then runs the CLI.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');
const cli = join(root, 'dist', 'main', 'cli.cjs');
if (!existsSync(cli) && existsSync(join(root, 'scripts', 'build.mjs'))) {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
require(cli).runFromProcess();
