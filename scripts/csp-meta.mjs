// The Vite plugin that writes main/security/csp.ts's policy into the renderer's index.html CSP meta tag
// (withCspMeta), so the tag and the policy the host and Electron send as a header cannot drift. This script
// is plain JS and Node cannot import TypeScript, so csp.ts is bundled by esbuild in memory and imported from
// a data: URL.
import { build } from 'esbuild';
import { join } from 'node:path';

export async function cspMetaPlugin(root = process.cwd()) {
  const out = await build({ entryPoints: [join(root, 'main', 'security', 'csp.ts')], bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'silent' });
  const { withCspMeta } = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
  return { name: 'fleetplan-csp-meta', transformIndexHtml: { order: 'pre', handler: withCspMeta } };
}
