import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is a plain static build: the same files are loaded by Electron (file://) and by the
// loopback host, so asset paths are relative.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 2000 },
});
