import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where `npm run dev -w web` forwards API calls; override with API_URL to use another port. */
const api = process.env.API_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // The API's pure TS + zod modules (taxonomy, schemas, DTOs) are imported as-is: one source of truth.
    alias: { '@shared': fileURLToPath(new URL('../api/src/shared', import.meta.url)) },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/healthz': api,
      '/readyz': api,
      '/socket.io': { target: api, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // antd alone is ~1 MB minified; it is split into its own long-cached chunk.
    chunkSizeWarningLimit: 1200,
  },
});
