import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../examples/server/server';
import { launchChromium } from './helpers/browser';
import { eventually } from './helpers/kefu-page';

// The quick start's page (`npm start`): what a person does there works end to end.
let browser: Browser;
let server: RunningServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kefu-example-'));
  server = await startServer({ port: 0, dataDir, quiet: true, testControls: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the example video app', () => {
  it('finds an FAQ answer as the user types and sends a ticket with diagnostics to the inbox', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/`);
    await page.click('#help');
    await page.fill('#query', '卡顿');
    await expect.poll(() => page.locator('#hits li').count()).toBeGreaterThan(0);
    expect(await page.locator('#hits li').first().locator('mark').allTextContents()).toContain('卡顿');

    await expect.poll(() => page.textContent('#preview-text')).toContain('network.online');
    await page.fill('textarea[name=description]', '视频一直卡顿，换清晰度也没用');
    await page.fill('input[name=email]', 'viewer@example.com');
    await page.click('#ticket button[type=submit]');
    await expect.poll(() => page.textContent('#status')).toContain('已提交');

    const stored = await eventually(async () => {
      const answer = (await (await fetch(`${server.url}/__tickets`)).json()) as { envelopes: any[] };
      expect(answer.envelopes).toHaveLength(1);
      return answer.envelopes[0];
    });
    expect(stored.payload).toMatchObject({ category: 'playback', description: '视频一直卡顿，换清晰度也没用', contact: { email: 'viewer@example.com' } });
    expect(stored.diagnostics).toMatchObject({ v: 1, network: { online: true } });
    const inbox = await (await fetch(`${server.url}/inbox`)).text();
    expect(inbox).toContain('视频一直卡顿');
    expect(errors).toEqual([]);
    await page.close();
  });
});
