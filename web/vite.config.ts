import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const web = fileURLToPath(new URL('.', import.meta.url));

/** The timeline page, bundled into dist/web where the API serves it (apps/api/src/page). */
export default defineConfig({
  root: web,
  base: '/',
  plugins: [preact()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    // everything inline or in assets/: the page must work with no internet
    assetsInlineLimit: 8192,
  },
});
