import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import type { RunningServer } from '../../examples/server/server';
import { useServerAndBrowser } from './helpers/harness';
import { eventually } from './helpers/kefu-page';
import {
  openVideoApp,
  settled,
  W,
  axeInWidget as axe,
  focusedInWidget as focused,
  textsInWidget as texts,
  announced,
} from './helpers/widget-page';

// A self-check that leads somewhere, in real Chromium on the example app: findings on the user's
// side say what to do step by step, link the article the app names for them (never one found by
// words: being offline is not about downloading to watch offline), run again, and report with the
// findings and the diagnostics they came from, which reach the inbox.
let browser: Browser;
let server: RunningServer;
const SHOTS = join(process.cwd(), 'test-results', 'screenshots');

useServerAndBrowser('widget-self-check', (started) => ({ browser, server } = started));
beforeAll(() => mkdirSync(SHOTS, { recursive: true }));
beforeEach(async () => {
  await fetch(`${server.url}/__tickets`, { method: 'DELETE' });
});

const WORDS = {
  'zh-CN': {
    check: '播放自检',
    run: '开始检查',
    again: '重新检查',
    yours: '问题很可能出在你这边：请按下面的建议操作，然后重新检查。',
    fine: '没有发现你这边的问题。如果仍然无法播放，请告诉我们。',
    evidence: '附上检查结果联系客服',
    offline: [
      '网络已断开',
      '关闭飞行模式，连接 Wi-Fi 或打开移动数据。',
      '恢复联网后，点“重新检查”。',
    ],
    device: [
      '设备播放这个视频很吃力',
      '关闭其他应用和浏览器标签页。',
      '在播放器里调低清晰度。',
      '更新应用；如果设备发烫，请重启设备。',
    ],
    fix: '建议',
    link: '查看帮助: 如何切换清晰度？（视频教程）',
    article: '如何切换清晰度？（视频教程）',
  },
  en: {
    check: 'Check my playback',
    run: 'Run the check',
    again: 'Check again',
    yours: 'This is most likely on your side: try the steps below, then check again.',
    fine: 'Nothing wrong found on your side. If playback still fails, tell us.',
    evidence: 'Report with this evidence',
    offline: [
      'You are offline',
      'Turn off airplane mode, then connect to Wi-Fi or turn on mobile data.',
      'Once you are back online, tap “Check again”.',
    ],
    device: [
      'Your device is struggling to play this video',
      'Close other apps and browser tabs.',
      'Lower the resolution in the player.',
      'Update the app, and restart the device if it feels hot.',
    ],
    fix: 'What to do',
    link: 'Read more: How do I change the video quality? (video tutorial)',
    article: 'How do I change the video quality? (video tutorial)',
  },
} as const;

/** Opens the panel with the FAQ loaded (a search answered), then the self-check, and runs it. */
/**
 * Fails the script-tag build's file (`kefu-chunk-<hash>.js`) that holds `text`, as the network
 * would fail it: the self-check's recheck holds the Range it asks for.
 */
function failFileHolding(page: Page, text: string, reason: string) {
  return page.route(/\/kefu-chunk-\w+\.js(\?|$)/, async (route) => {
    const response = await route.fetch();
    if ((await response.text()).includes(text)) return route.abort(reason);
    return route.fulfill({ response });
  });
}

/**
 * Counts the page's script downloads in flight from now on: `quiet()` waits until none has been
 * for half a second, so the code a view loads as it opens has arrived.
 */
function followScripts(page: Page) {
  // The requests themselves, not a count: one that began before this listener may end after it.
  const inFlight = new Set<Request>();
  let changed = Date.now();
  const follow = (start: boolean) => (request: Request) => {
    if (request.resourceType() !== 'script') return;
    if (start) inFlight.add(request);
    else inFlight.delete(request);
    changed = Date.now();
  };
  page.on('request', follow(true));
  page.on('requestfinished', follow(false));
  page.on('requestfailed', follow(false));
  return () =>
    expect
      .poll(() => inFlight.size === 0 && Date.now() - changed >= 500, { timeout: 30_000 })
      .toBe(true);
}

async function runCheck(
  page: Page,
  words: (typeof WORDS)[keyof typeof WORDS],
  before?: () => Promise<void>,
) {
  const quiet = followScripts(page);
  await page.click(W.launcher);
  await settled(page);
  // The FAQ has loaded (its most-read articles are listed) before the network may go.
  await page.locator(W.inWidget('ul.hits button')).first().waitFor();
  await page.click(W.inWidget(`.onward button:has-text("${words.check}")`));
  const run = page.locator(W.inWidget(`button.primary:has-text("${words.run}")`));
  await run.waitFor();
  // The view (a lazy chunk) and its capture code are loaded before the network may go. The
  // page's load state is no sign of it: `networkidle` was reached long before.
  await quiet();
  await before?.();
  await run.click();
  await page.locator(W.inWidget('[data-kefu-findings]')).waitFor({ timeout: 20_000 });
}

/** Makes the page's video report a device dropping 35% of its frames. */
const strugglingDevice = (context: BrowserContext) =>
  context.addInitScript(() => {
    HTMLVideoElement.prototype.getVideoPlaybackQuality = () =>
      ({ totalVideoFrames: 1000, droppedVideoFrames: 350, corruptedVideoFrames: 0 }) as never;
  });

describe('a self-check whose code never arrived', () => {
  it('still says the user is offline, with the steps, when the network went first', async () => {
    const { context, page, errors } = await openVideoApp(browser, server.url, { locale: 'en' });
    // The check's code fails, as it would have, had the network gone before it came.
    await failFileHolding(page, 'bytes=0-1023', 'internetdisconnected');
    await runCheck(page, WORDS.en, () => context.setOffline(true));
    expect(await page.locator(W.inWidget('#kefu-verdict')).textContent()).toBe(WORDS.en.yours);
    const offline = '.finding[data-code=offline]';
    expect(await texts(page, `${offline} h4`)).toEqual([WORDS.en.offline[0]]);
    expect(await texts(page, `${offline} ol.steps li`)).toEqual(WORDS.en.offline.slice(1));
    expect(await page.locator(W.inWidget('.finding')).count()).toBe(1);
    await expect.poll(() => announced(page)).toContain(`${WORDS.en.yours} ${WORDS.en.offline[0]}`);
    // Reported, the ticket carries the finding and says the device was offline.
    expect(await texts(page, '[data-kefu-report]')).toEqual([WORDS.en.evidence]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('still runs without Client Hints when the user-agent tables could not download', async () => {
    const { context, page, errors } = await openVideoApp(browser, server.url, { locale: 'en' });
    // A browser without Client Hints (Safari, Firefox) downloads the tables to name itself; here
    // that download fails, as it would offline.
    await page.evaluate(() =>
      Object.defineProperty(navigator, 'userAgentData', { value: undefined, configurable: true }),
    );
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(request.url()));
    await failFileHolding(page, 'Huawei Browser', 'internetdisconnected');
    await runCheck(page, WORDS.en);
    expect(await page.locator(W.inWidget('#kefu-verdict')).textContent()).toBeTruthy();
    expect(failed.filter((url) => /\/kefu-chunk-\w+\.js/.test(url))).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says it could not load and shows no verdict when online, then runs once the code loads', async () => {
    const { context, page } = await openVideoApp(browser, server.url, { locale: 'en' });
    await failFileHolding(page, 'bytes=0-1023', 'connectionrefused');
    await page.click(W.launcher);
    await settled(page);
    await page.locator(W.inWidget('ul.hits button')).first().waitFor();
    await page.click(W.inWidget(`.onward button:has-text("${WORDS.en.check}")`));
    const run = page.locator(W.inWidget(`button.primary:has-text("${WORDS.en.run}")`));
    await run.click();
    const alert = page.locator(W.inWidget('.error[role=alert]'));
    await expect
      .poll(() => alert.textContent())
      .toBe('Could not load this. Check your connection and try again.');
    expect(await page.locator(W.inWidget('[data-kefu-findings]')).count()).toBe(0);
    // The button runs the check again, not stuck on "checking".
    expect(await run.textContent()).toBe(WORDS.en.run);
    await page.unrouteAll();
    await run.click();
    await page.locator(W.inWidget('[data-kefu-findings]')).waitFor({ timeout: 20_000 });
    await context.close();
  });
});

describe.each([
  { locale: 'zh-CN' as const, viewport: { width: 390, height: 844 } },
  { locale: 'en' as const, viewport: { width: 1280, height: 800 } },
])('the self-check in $locale', ({ locale, viewport }) => {
  const words = WORDS[locale];

  it('says what to do when offline, links no unrelated article, and is fine after checking again', async () => {
    const { context, page, errors } = await openVideoApp(browser, server.url, { locale, viewport });
    await runCheck(page, words, () => context.setOffline(true));
    const verdict = page.locator(W.inWidget('#kefu-verdict'));
    expect(await verdict.textContent()).toBe(words.yours);
    await expect.poll(() => focused(page)).toBe('p#kefu-verdict');
    const offline = '.finding[data-code=offline]';
    expect(await texts(page, `${offline} h4`)).toEqual([words.offline[0]]);
    expect(await texts(page, `${offline} .steps-label`)).toEqual([words.fix]);
    expect(await texts(page, `${offline} ol.steps li`)).toEqual(words.offline.slice(1));
    // The example FAQ's "download to watch offline" shares only the word: no link.
    expect(await page.locator(W.inWidget(`${offline} button`)).count()).toBe(0);
    await expect.poll(() => announced(page)).toContain(`${words.yours} ${words.offline[0]}`);
    expect(await texts(page, '.row button.primary')).toEqual([words.again]);
    expect(await texts(page, '[data-kefu-report]')).toEqual([words.evidence]);
    expect(await axe(page)).toEqual([]);
    await settled(page);
    await page.screenshot({ path: join(SHOTS, `self-check-offline-${locale}.png`) });

    await context.setOffline(false);
    const again = page.locator(W.inWidget(`button:has-text("${words.again}")`));
    await again.click();
    await expect.poll(() => verdict.textContent(), { timeout: 20_000 }).toBe(words.fine);
    await expect.poll(() => focused(page)).toBe('p#kefu-verdict');
    expect(await page.locator(W.inWidget('.finding')).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('links a finding to the article the app names for it, by id', async () => {
    const {
      context: own,
      page,
      errors,
    } = await openVideoApp(browser, server.url, {
      locale,
      viewport,
    });
    await strugglingDevice(own);
    await page.reload();
    await page.waitForSelector(W.launcher);
    await runCheck(page, words);
    const device = '.finding[data-code=device_struggles]';
    await page.locator(W.inWidget(device)).waitFor();
    expect(await texts(page, `${device} h4`)).toEqual([words.device[0]]);
    expect(await texts(page, `${device} ol.steps li`)).toEqual(words.device.slice(1));
    expect(await texts(page, `${device} button.link`)).toEqual([words.link]);
    expect(await axe(page)).toEqual([]);
    await settled(page);
    await page.screenshot({ path: join(SHOTS, `self-check-device-${locale}.png`) });
    await page.click(W.inWidget(`${device} button.link`));
    await expect
      .poll(() => page.locator(W.inWidget('article h3')).textContent())
      .toBe(words.article);
    expect(errors).toEqual([]);
    await own.close();
  });
});

describe('reporting with the evidence', () => {
  it('opens a ticket carrying the findings by id and in words, and the inbox gets them with the diagnostics', async () => {
    const { context, page, errors } = await openVideoApp(browser, server.url, {
      locale: 'zh-CN',
    });
    await runCheck(page, WORDS['zh-CN'], () => context.setOffline(true));
    const codes = await page
      .locator(W.inWidget('.finding'))
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    expect(codes).toContain('offline');
    const titles = await texts(page, '.finding h4');
    // Back online before the ticket view (a lazy chunk) loads; the report keeps the offline check.
    await context.setOffline(false);
    await page.click(W.inWidget('[data-kefu-report]'));
    const category = page.locator(W.inWidget('#kefu-category'));
    await expect.poll(() => category.inputValue()).toBe('playback');
    const description = page.locator(W.inWidget('textarea[name=description]'));
    const expected = codes.map((code, i) => `Self-check: ${titles[i]} [${code}]`).join('\n');
    // On a line of their own, with a new line after them for the user's words.
    await expect.poll(() => description.inputValue()).toBe(`${expected}\n`);
    await page.screenshot({ path: join(SHOTS, 'self-check-report-zh-CN.png') });

    await page.fill(W.inWidget('input[name="contact.email"]'), 'viewer@example.com');
    await page.click(W.inWidget('button[type=submit]'));
    const envelope = await eventually(async () => {
      const { envelopes } = (await (await fetch(`${server.url}/__tickets`)).json()) as {
        envelopes: any[];
      };
      expect(envelopes).toHaveLength(1);
      return envelopes[0];
    });
    expect(envelope.payload.category).toBe('playback');
    expect(envelope.payload.description).toBe(expected);
    // The snapshot the self-check read (offline), not a new capture made once back online.
    expect(envelope.diagnostics.network.online).toBe(false);
    expect(envelope.diagnostics.findings.map((f: { code: string }) => f.code)).toEqual(codes);
    expect(envelope.diagnostics.findings[codes.indexOf('offline')]).toEqual({
      code: 'offline',
      severity: 'error',
      evidence: {},
    });
    expect(errors).toEqual([]);
    await context.close();
  });
});
