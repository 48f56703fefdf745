import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import {
  startServer,
  type RunningServer,
  type ServerOptions,
} from '../../../examples/server/server';
import { freePort } from '../../helpers/free-port';
import { launchChromium } from './browser';
import { serveFolder } from './serve-folder';

/** An app built for production, served on its own origin beside a reference server. */
export interface BuiltApp {
  origin: string;
  relay: RunningServer;
  browser: Browser;
  /** Closes Chromium, both servers, and deletes the app's folder. */
  close(): Promise<void>;
}

/**
 * Builds the fixture app in `app` with `bundle`, serves the result on a free port and starts the
 * reference server (its data in the app's folder) allowing that origin, and Chromium.
 */
export async function startBuiltApp(
  app: string,
  bundle: (app: string) => Promise<string>,
  relayOptions: ServerOptions = {},
): Promise<BuiltApp> {
  const built = await bundle(app);
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const relay = await startServer({
    port: 0,
    dataDir: join(app, 'data'),
    quiet: true,
    allowedOrigins: [origin],
    ...relayOptions,
  });
  const site = await serveFolder(built, port);
  const browser = await launchChromium();
  return {
    origin,
    relay,
    browser,
    async close() {
      await browser.close();
      await relay.close();
      await new Promise((resolve) => site.close(resolve));
      rmSync(app, { recursive: true, force: true });
    },
  };
}
