import { afterAll, beforeAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../../examples/server/server';
import { launchChromium } from './browser';

/** What a browser test file runs against. */
export interface Harness {
  browser: Browser;
  server: RunningServer;
}

/**
 * Starts, for one test file, the reference server on a free port with a throwaway database and
 * its test controls, and Debian's Chromium; stops both and deletes the database after the file.
 * `onStart` receives them once started (test files keep them in their own variables).
 */
export function useServerAndBrowser(name: string, onStart: (harness: Harness) => void): void {
  let dataDir: string | undefined;
  let started: Partial<Harness> = {};
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), `kefu-${name}-`));
    started.server = await startServer({
      port: 0,
      dataDir,
      quiet: true,
      testControls: true,
      // Every page of every test comes from 127.0.0.1: one client to the rate limit, which the
      // server and relay suites test; here it would only slow the widget's own retries down.
      rateLimit: false,
    });
    started.browser = await launchChromium();
    onStart(started as Harness);
  });
  afterAll(async () => {
    await started.browser?.close();
    await started.server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    started = {};
  });
}
