// Builds the web app (src/web) into dist/web, which the node serves at `/` (src/api/web-static-plugin.ts).
// `npm run dev:web` serves it with hot reload and forwards /api to a node on port 4800 (`npm start`).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src/web',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    // One bundle (React, i18next, both languages, the app) loads faster than many small ones. The budget
    // is 300 kB gzipped; `npm run bench -- web` reports the size.
    chunkSizeWarningLimit: 500,
  },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:4800', changeOrigin: false } },
  },
});
