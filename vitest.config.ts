import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const alias = [
  {
    find: /^kefu\/(.*)$/,
    replacement: fileURLToPath(new URL('./src/$1/index.ts', import.meta.url)),
  },
  { find: /^kefu$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ['test/browser/**', 'test/size/**', 'test/package/**', 'node_modules/**'],
          environment: 'happy-dom',
        },
      },
      {
        resolve: { alias },
        test: {
          // Real Chromium through playwright-core; one file at a time on a 2-core machine.
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Size budgets read the built dist/, so `npm test` builds before it runs them.
        resolve: { alias },
        test: {
          name: 'size',
          include: ['test/size/**/*.test.ts', 'test/package/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
    ],
  },
});
