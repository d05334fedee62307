import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The console is built into dist/console, which the api serves at `/`. Everything it loads is in that
 * folder (no CDN), so it works on a closed network; the api's Content-Security-Policy allows nothing else.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    reportCompressedSize: false,
    // The stylesheet holds every Utrecht component's CSS, the explorer (development only) carries Monaco;
    // the budget of the first load is measured in bench/ (console budgets), not here.
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      // react-intl marks itself "use client" for server components; the console renders in the browser only.
      onLog: (level, log, handler) => {
        if (log.code !== 'MODULE_LEVEL_DIRECTIVE') handler(level, log);
      },
    },
  },
});
