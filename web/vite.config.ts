/**
 * Builds the dashboard: `npx vite build --config web/vite.config.ts` → web/dist, which the status
 * API serves at `/`. `npx vite --config web/vite.config.ts` serves it with hot reload and forwards
 * API calls to a running `neolight up` (NEOLIGHT_API_URL, default http://127.0.0.1:8100).
 */
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.NEOLIGHT_API_URL ?? 'http://127.0.0.1:8100';

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1024,
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/status': api, '/events': api, '/api': api },
  },
});
