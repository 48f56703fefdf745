import { beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../examples/server/server';
import { useServerAndBrowser } from './helpers/harness';
import { openVideoApp, W } from './helpers/widget-page';
import { inboxGet } from '../server/helpers';

// Files attached to a ticket are part of its draft: they come back after a reload, in real
// Chromium against the reference server, and reach the inbox byte for byte.
let browser: Browser;
let server: RunningServer;

useServerAndBrowser('widget-drafts', (started) => ({ browser, server } = started));
beforeEach(async () => void (await fetch(`${server.url}/__tickets`, { method: 'DELETE' })));

// A 1×1 PNG: small enough that no downscaling changes its bytes.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a2c20000000049454e44ae426082',
  'hex',
);
const LOG = Buffer.from('12:00:01 stalled at 754s\n12:00:09 rebuffering\n');

/** What the client keeps of drafts: the keys of its IndexedDB database, and the localStorage copies. */
const kept = (page: Page) =>
  page.evaluate(async () => {
    const idb = await new Promise<string[]>((resolve, reject) => {
      const open = indexedDB.open('kefu-data');
      // Never create the database from here: the client's own open must make its object store.
      open.onupgradeneeded = () => open.transaction!.abort();
      open.onerror = () => resolve([]);
      open.onsuccess = () => {
        const db = open.result;
        const keys = db.transaction('kv').objectStore('kv').getAllKeys();
        keys.onsuccess = () => (db.close(), resolve(keys.result.map(String)));
        keys.onerror = () => reject(keys.error);
      };
    });
    const local = Object.keys(localStorage).filter((key) => key.startsWith('kefu-draft:'));
    return { drafts: idb.filter((key) => key.startsWith('draft')), local };
  });

const openTicketForm = async (page: Page) => {
  await page.evaluate(() => (window as any).Kefu.open('ticket', { category: 'playback' }));
  await page.locator(W.inWidget('textarea[name=description]')).waitFor();
};
const listed = (page: Page) => page.locator(W.inWidget('ul.files li span')).allTextContents();

describe('ticket drafts with attachments in the widget', () => {
  it('brings attached files back after a reload, sends them with the ticket, then forgets the draft', async () => {
    const { context, page, errors } = await openVideoApp(browser, server.url);
    await page.click(W.launcher);
    await page.click(W.inWidget('.onward button.primary'));
    await page.selectOption(W.inWidget('#kefu-category'), 'playback');
    await page.fill(W.inWidget('textarea[name=description]'), '第 3 集黑屏，截图和日志在附件里');
    await page.setInputFiles(W.inWidget('#kefu-files'), [
      { name: '黑屏.png', mimeType: 'image/png', buffer: PNG },
      { name: 'player.log.txt', mimeType: 'text/plain', buffer: LOG },
    ]);
    await expect.poll(() => listed(page)).toEqual(['黑屏.png', 'player.log.txt']);
    // Files have no synchronous copy (localStorage holds text only): they are stored in IndexedDB
    // as they are attached, which takes a moment; a reload waits for that here.
    await expect
      .poll(async () => (await kept(page)).drafts.sort())
      .toEqual(['draft-files:playback', 'draft:playback']);

    await page.reload();
    await page.waitForSelector(W.launcher);
    await openTicketForm(page);
    await expect.poll(() => listed(page)).toEqual(['黑屏.png', 'player.log.txt']);
    expect(await page.locator(W.inWidget('textarea[name=description]')).inputValue()).toBe(
      '第 3 集黑屏，截图和日志在附件里',
    );
    expect(await page.locator(W.inWidget('.hint')).first().textContent()).toContain('已恢复');

    // A restored file can be removed like any other; the rest is sent.
    await page.click(W.inWidget('ul.files li:has-text("player.log.txt") button'));
    await expect.poll(() => listed(page)).toEqual(['黑屏.png']);
    await page.click(W.inWidget('button[type=submit]'));
    await expect
      .poll(() => page.locator(W.inWidget('[data-kefu-outcome]')).getAttribute('data-kefu-outcome'))
      .toBe('sent');

    const { envelopes } = (await (await fetch(`${server.url}/__tickets`)).json()) as {
      envelopes: any[];
    };
    expect(envelopes).toHaveLength(1);
    const [envelope] = envelopes;
    expect(envelope.payload.description).toBe('第 3 集黑屏，截图和日志在附件里');
    expect(envelope.payload.attachments).toEqual([
      expect.objectContaining({ name: '黑屏.png', type: 'image/png', size: PNG.length }),
    ]);
    const bytes = Buffer.from(
      await (
        await inboxGet(
          server,
          `/inbox/tickets/${encodeURIComponent(envelope.id)}/attachments/attachment-0`,
        )
      ).arrayBuffer(),
    );
    expect(bytes.equals(PNG)).toBe(true);

    // The draft is gone, text and files: nothing comes back on the next visit. The files' draft
    // is deleted from IndexedDB after the outcome shows, so under load it may take a moment.
    await expect.poll(() => kept(page)).toEqual({ drafts: [], local: [] });
    await page.reload();
    await page.waitForSelector(W.launcher);
    await openTicketForm(page);
    expect(await page.locator(W.inWidget('textarea[name=description]')).inputValue()).toBe('');
    expect(await listed(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps a "no" to diagnostics with the draft: restored unticked, and the ticket goes without them', async () => {
    const { context, page, errors } = await openVideoApp(browser, server.url);
    await page.waitForFunction(() => (window as any).Kefu);
    await openTicketForm(page);
    const consent = page.locator(
      W.inWidget('input[type=checkbox][aria-describedby=kefu-diag-hint]'),
    );
    expect(await consent.isChecked()).toBe(true);
    await consent.uncheck();
    await page.fill(W.inWidget('textarea[name=description]'), '不想附带设备信息 planted-c41e');
    await expect
      .poll(() =>
        page.evaluate(() => JSON.parse(localStorage.getItem('kefu-draft:playback') ?? '{}')),
      )
      .toMatchObject({ includeDiagnostics: false, description: '不想附带设备信息 planted-c41e' });

    await page.reload();
    await page.waitForFunction(() => (window as any).Kefu);
    await openTicketForm(page);
    await expect
      .poll(() => page.locator(W.inWidget('textarea[name=description]')).inputValue())
      .toBe('不想附带设备信息 planted-c41e');
    expect(await consent.isChecked()).toBe(false);
    await page.click(W.inWidget('button[type=submit]'));
    await expect
      .poll(() => page.locator(W.inWidget('[data-kefu-outcome]')).getAttribute('data-kefu-outcome'))
      .toBe('sent');
    const { envelopes } = (await (await fetch(`${server.url}/__tickets`)).json()) as {
      envelopes: any[];
    };
    expect(envelopes.map((e) => e.payload.description)).toEqual(['不想附带设备信息 planted-c41e']);
    expect(envelopes[0].payload).not.toHaveProperty('diagnostics');
    expect(envelopes[0].payload).not.toHaveProperty('includeDiagnostics');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says when storage refuses the files of a draft, in the form, and still sends them', async () => {
    const { context, page, errors } = await openVideoApp(browser, server.url, {
      locale: 'en-US',
      query: '?lang=en',
    });
    // A full disk for the draft's files only: IndexedDB refuses to store them.
    await page.evaluate(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (value: unknown, key?: IDBValidKey) {
        if (String(key).startsWith('draft-files:'))
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return put.call(this, value, key);
      };
    });
    await openTicketForm(page);
    const warning = page.locator(W.inWidget('form p.status.bad[role=status]'));
    expect(await warning.count()).toBe(0);
    await page.fill(
      W.inWidget('textarea[name=description]'),
      'Black screen on episode 3, screenshot attached',
    );
    await page.setInputFiles(W.inWidget('#kefu-files'), [
      { name: 'black.png', mimeType: 'image/png', buffer: PNG },
    ]);
    await expect.poll(() => warning.textContent()).toContain('could not be kept with the draft');
    // The text is still kept, and the files still go with the ticket.
    await expect.poll(async () => (await kept(page)).local).toEqual(['kefu-draft:playback']);
    await page.click(W.inWidget('button[type=submit]'));
    await expect
      .poll(() => page.locator(W.inWidget('[data-kefu-outcome]')).getAttribute('data-kefu-outcome'))
      .toBe('sent');
    const { envelopes } = (await (await fetch(`${server.url}/__tickets`)).json()) as {
      envelopes: any[];
    };
    expect(envelopes).toHaveLength(1);
    expect(envelopes[0].payload.attachments.map((a: { name: string }) => a.name)).toEqual([
      'black.png',
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
