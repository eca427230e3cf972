// `npm start`: build if stale, then the desktop app when Electron's binary is installed, otherwise the same
// app in the browser through the loopback host. Never require('electron') here: from plain Node that
// tries to download the binary.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);

const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--if-stale'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('fleetplan: the build failed; see the messages above.');
  process.exit(build.status ?? 1);
}

/** The Electron executable when its binary has been downloaded, else null (path.txt names it). */
function electronBinary() {
  const pkgDir = join(root, 'node_modules', 'electron');
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const binary = join(pkgDir, 'dist', relative);
  return relative && existsSync(binary) ? binary : null;
}

const binary = electronBinary();
if (binary) {
  // Launch the package folder, not the bundle: Electron then takes the app's name and version (and so the
  // userData folder) from package.json, whose "main" is dist/main/index.cjs.
  const child = spawn(binary, [root, ...args], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  console.log(
    "fleetplan: Electron's binary is not installed here (it downloads on first launch where the network allows: " +
      'run `node node_modules/electron/install.js`), so the same app is served in your browser instead:',
  );
  // The serve bundle reads process.argv itself, so `npm start -- --port N --data-dir D` works the same.
  await import(pathToFileURL(join(root, 'dist', 'main', 'serve.cjs')).href);
}
