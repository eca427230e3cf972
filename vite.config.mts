import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is a plain static build: the same files are loaded by Electron (fleetplan://app/) and by the
// loopback host, so asset paths are relative. scripts/build.mjs adds the plugin that writes the CSP meta tag. Source maps are built (docs/security.md says why).
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 2000 },
});
