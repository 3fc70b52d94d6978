import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

/**
 * The renderer bundle: served by `rgwb serve` (web mode) and loaded from file:// by Electron,
 * hence relative asset paths (base './').
 *
 * Dev server (`vite -c vite.renderer.config.ts`): set RGWB_API_URL to a running `rgwb serve`
 * (e.g. http://127.0.0.1:8765) and open the dev page with that server's `?token=…`; /api is
 * proxied there (the Origin header is dropped, since the server refuses cross-origin requests).
 */
const apiTarget = process.env.RGWB_API_URL;

export default defineConfig({
  root: fileURLToPath(new URL('./src-renderer', import.meta.url)),
  base: './',
  plugins: [vue()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // ECharts is most of the bundle; one chunk is fine for a local app.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    host: '127.0.0.1',
    proxy: apiTarget
      ? {
          '/api': {
            target: apiTarget,
            changeOrigin: true,
            configure: (proxy) => {
              proxy.on('proxyReq', (req) => req.removeHeader('origin'));
            },
          },
        }
      : undefined,
  },
});
