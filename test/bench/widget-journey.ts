import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { startServer } from '../../examples/server/server';
import { launchChromium } from '../browser/helpers/browser';
import { originOf, serveFolder } from '../browser/helpers/serve-folder';
import { holdIdle, recordDownloads, STEPS, table, walkJourney } from '../browser/helpers/journey';
import type { BenchSection } from './report';

// The journey of test/browser/journey.test.ts (every kefu script the page downloads at each step,
// gzip level 9, zh-CN), on the example app's script tag; and Sentry's feedback widget on a page of
// its own, recorded the same way: its start, then a tap on its button until the form shows.

/** Sentry's browser SDK with its feedback widget, bundled with splitting as an app would. */
async function sentryJourney(browser: Awaited<ReturnType<typeof launchChromium>>) {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-sentry-journey-'));
  try {
    await build({
      stdin: {
        contents:
          "import { init, feedbackIntegration } from '@sentry/browser'; init({ dsn: 'https://key@o1.ingest.sentry.io/1', integrations: [feedbackIntegration({ autoInject: true })] });",
        resolveDir: process.cwd(),
        loader: 'ts',
      },
      bundle: true,
      minify: true,
      splitting: true,
      format: 'esm',
      target: 'es2020',
      outdir: dir,
      entryNames: 'main',
      logLevel: 'silent',
    });
    writeFileSync(
      join(dir, 'index.html'),
      '<!doctype html><html lang="zh-CN"><body><script type="module" src="./main.js"></script></body></html>',
    );
    const server = await serveFolder(dir);
    const origin = originOf(server);
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const recorder = recordDownloads(page, (url) => url.origin === origin);
    try {
      await page.goto(origin);
      await page.locator('#sentry-feedback').waitFor({ state: 'attached' });
      await recorder.settled();
      recorder.at('tap help');
      await page.locator('#sentry-feedback >> button').first().click();
      await page.locator('#sentry-feedback >> form').waitFor();
      await recorder.settled();
      return table(recorder.downloads);
    } finally {
      await context.close();
      server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The table of `npm run bench -- widget`: kefu's journey step by step, and Sentry's. */
export async function journeySection(): Promise<BenchSection> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-journey-bench-'));
  const server = await startServer({ port: 0, dataDir, quiet: true, rateLimit: false });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ locale: 'zh-CN' });
    await holdIdle(context);
    const page = await context.newPage();
    const recorder = recordDownloads(page, (url) => /^\/dist\/kefu[\w.-]*\.js$/.test(url.pathname));
    // Without the example app's prefetch, as the journey test walks it: with it, the panel and
    // the sending code load at idle (its cost: `npm run bench -- offline`).
    await page.goto(`${server.url}/video-app/?prefetch=0`);
    await walkJourney(page, recorder);
    await context.close();
    const kefu = table(recorder.downloads);
    const sentry = await sentryJourney(browser);
    const goals: Record<string, string> = {
      start: '5,632',
      idle: '3,072',
      'search answering': '30,720 (cumulative)',
      'my tickets': '73,728 (cumulative)',
    };
    return {
      title:
        'Widget journey: kefu scripts downloaded per step, gzip bytes, script tag in Chromium (zh-CN), against Sentry feedback recorded the same way',
      rows: STEPS.map((step, i) => ({
        step,
        'kefu step': kefu[i]!.gzip,
        'kefu cumulative': kefu[i]!.cumulative,
        goal: goals[step] ?? '',
        'Sentry cumulative': sentry[i]!.cumulative,
        'kefu / Sentry': +(kefu[i]!.cumulative / sentry.at(-1)!.cumulative).toFixed(2),
      })),
      notes: [
        'Sentry: its SDK and feedback widget bundled by esbuild with splitting; "start" is the page load, "tap help" its button until the form shows; it has no search, article, self-check or ticket history.',
        'The example app has a video, so the idle step loads the playback watcher (kefu-watch.js and the modules it shares).',
        'Reproduce: npm run bench -- widget (test/browser/journey.test.ts enforces the budgets).',
      ],
    };
  } finally {
    await browser.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
