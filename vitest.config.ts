import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import packageJson from './package.json' with { type: 'json' };

// Tests import `kefu` and `kefu/<entry>` as users do, from the sources; only the entries that
// package.json exports resolve, so a test cannot pass by importing what users cannot (internals
// are imported by relative path, which says that they are internals).
const entries = Object.keys(packageJson.exports)
  .map((key) => /^\.\/([a-z-]+(?:\/[a-z-]+)?)$/.exec(key)?.[1])
  .filter((name): name is string => name !== undefined && name !== 'package.json');
const alias = [
  ...entries.map((name) => ({
    find: new RegExp(`^kefu/${name}$`),
    replacement: fileURLToPath(new URL(`./src/${name}/index.ts`, import.meta.url)),
  })),
  { find: /^kefu$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
];

export default defineConfig({
  resolve: { alias },
  test: {
    // The default report, then the slowest tests and their share of their time limit.
    reporters: ['default', './test/harness/slowest-reporter.ts'],
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: [
            'test/browser/**',
            'test/journeys/**',
            'test/size/**',
            'test/package/**',
            'node_modules/**',
          ],
          environment: 'happy-dom',
          setupFiles: ['test/harness/wait-for-default.ts'],
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
          // What a page does on its own time: on a loaded 2-core machine it can take longer than
          // expect.poll's default 1 s. A condition never reached still fails, later.
          expect: { poll: { timeout: 10_000 } },
        },
      },
      {
        // Journeys: a person's whole path through the example app and the console, per screen,
        // in real Chromium against the reference server (test/journeys/helpers/journey.ts).
        resolve: { alias },
        test: {
          name: 'journeys',
          include: ['test/journeys/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 60_000,
          expect: { poll: { timeout: 10_000 } },
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
