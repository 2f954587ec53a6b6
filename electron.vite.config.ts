import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          // The Electron host.
          index: resolve(__dirname, 'src/main/index.ts'),
          // The local HTTP host (`npm run serve`) and the command line (`npx retain`), plain Node.
          serve: resolve(__dirname, 'src/main/serve.ts'),
          // The thread that reads import files (started by interchange/import/import-worker-runner.ts as out/main/import-worker.js).
          'import-worker': resolve(__dirname, 'src/main/interchange/import/import-worker.ts'),
          ...(existsSync(resolve(__dirname, 'src/main/cli/retain.ts')) ? { cli: resolve(__dirname, 'src/main/cli/retain.ts') } : {}),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    base: './',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
