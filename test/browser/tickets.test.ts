import { afterEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from '../../examples/server/server';
import { useServerAndBrowser } from './helpers/harness';
import { eventually, openKefuPage, reloadKefuPage } from './helpers/kefu-page';
import { inboxGet } from '../server/helpers';
import { signInBrowser } from './helpers/agent';

// Tickets in real Chromium against the reference server: image decoding and encoding, XHR upload
// progress, IndexedDB drafts across a reload, and the agent's side through the inbox's own forms.
let browser: Browser;
let server: RunningServer;
let context: BrowserContext;

useServerAndBrowser('tickets', (started) => ({ browser, server } = started));
afterEach(async () => {
  await context?.close();
  await fetch(`${server.url}/__tickets`, { method: 'DELETE' });
});

// Code run in the page is serialized, so it reaches the client as `(window as any).kefu`.

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Posts one of the inbox's forms from the page, as an agent's browser on the same origin does. */
const agent = async (
  page: Page,
  ticketId: string,
  action: 'reply' | 'status',
  field: string,
  value: string,
) => {
  const csrf = await signInBrowser(page.context(), server);
  return page.evaluate(
    ([id, act, name, val, token]) =>
      fetch(`/inbox/tickets/${encodeURIComponent(id!)}/${act}`, {
        method: 'POST',
        body: new URLSearchParams({ [name!]: val!, csrf: token! }),
      }).then((r) => `${r.status} ${r.redirected}`),
    [ticketId, action, field, value, csrf],
  );
};

describe('tickets in Chromium', () => {
  it('uploads a screenshot downscaled to 1920 px with progress, and the server stores it and shows it in the inbox', async () => {
    context = await browser.newContext();
    const page = await openKefuPage(context, server.url);
    const result = await page.evaluate(async () => {
      const canvas = new OffscreenCanvas(3840, 2160);
      const g = canvas.getContext('2d')!;
      const gradient = g.createLinearGradient(0, 0, 3840, 2160);
      gradient.addColorStop(0, '#123456');
      gradient.addColorStop(1, '#fedcba');
      g.fillStyle = gradient;
      g.fillRect(0, 0, 3840, 2160);
      g.fillStyle = '#000';
      g.font = '120px sans-serif';
      g.fillText('播放器黑屏 black screen', 200, 400);
      const blob = await canvas.convertToBlob({ type: 'image/png' });
      const file = new File([blob], '截图.png', { type: 'image/png' });
      const progress: { loaded: number; total: number }[] = [];
      (window as any).kefu.on('upload-progress', (p: { loaded: number; total: number }) =>
        progress.push(p),
      );
      const receipt = await (window as any).kefu.submitTicket({
        category: 'playback',
        description: '4K 截图：黑屏',
        attachments: [file],
      });
      return { receipt, originalBytes: file.size, progress };
    });
    expect(result.receipt.status).toBe('sent');
    expect(result.progress.length).toBeGreaterThan(0);
    const last = result.progress.at(-1)!;
    expect(last.loaded).toBe(last.total);

    const stored = (await (await fetch(`${server.url}/__tickets`)).json()) as {
      envelopes: {
        id: string;
        payload: { attachments: { name: string; size: number; type: string }[] };
      }[];
    };
    const [meta] = stored.envelopes.find((e) => e.id === result.receipt.envelopeId)!.payload
      .attachments;
    expect(meta).toMatchObject({ name: '截图.png', type: 'image/png' });

    const inbox = await (
      await inboxGet(server, `/inbox/tickets/${encodeURIComponent(result.receipt.id)}`)
    ).text();
    expect(inbox).toContain('截图.png');
    const bytes = new Uint8Array(
      await (
        await inboxGet(
          server,
          `/inbox/tickets/${encodeURIComponent(result.receipt.id)}/attachments/attachment-0`,
        )
      ).arrayBuffer(),
    );
    expect(bytes.byteLength).toBe(meta!.size);
    expect(pngSize(bytes)).toEqual({ width: 1920, height: 1080 });
  });

  it('downscales a large JPEG photo and leaves a small one untouched', async () => {
    context = await browser.newContext();
    const page = await openKefuPage(context, server.url);
    const sizes = await page.evaluate(async () => {
      const make = async (w: number, h: number) => {
        const c = new OffscreenCanvas(w, h);
        const g = c.getContext('2d')!;
        for (let i = 0; i < 200; i++) {
          g.fillStyle = `hsl(${i * 7}, 70%, 50%)`;
          g.fillRect((i * 37) % w, (i * 53) % h, w / 5, h / 5);
        }
        return new File(
          [await c.convertToBlob({ type: 'image/jpeg', quality: 0.95 })],
          'photo.jpg',
          { type: 'image/jpeg' },
        );
      };
      const big = await make(4000, 3000);
      const small = await make(800, 600);
      const receipt = await (window as any).kefu.submitTicket({
        category: 'suggestion',
        description: '两张照片',
        attachments: [big, small],
      });
      return { receipt, big: big.size, small: small.size };
    });
    const id = encodeURIComponent(sizes.receipt.id);
    const bigBytes = new Uint8Array(
      await (await inboxGet(server, `/inbox/tickets/${id}/attachments/attachment-0`)).arrayBuffer(),
    );
    const smallBytes = new Uint8Array(
      await (await inboxGet(server, `/inbox/tickets/${id}/attachments/attachment-1`)).arrayBuffer(),
    );
    const bitmapSize = (b: Uint8Array) =>
      page.evaluate(
        async (arr) => {
          const bmp = await createImageBitmap(
            new Blob([new Uint8Array(arr)], { type: 'image/jpeg' }),
          );
          return [bmp.width, bmp.height];
        },
        [...b],
      );
    expect(await bitmapSize(bigBytes)).toEqual([1920, 1440]);
    expect(bigBytes.byteLength).toBeLessThan(sizes.big);
    expect(smallBytes.byteLength).toBe(sizes.small);
  });

  it('brings back an autosaved draft after a reload, and deletes it once the ticket is sent', async () => {
    context = await browser.newContext();
    const page = await openKefuPage(context, server.url);
    await page.evaluate(() => {
      const kefu = (window as any).kefu;
      for (const description of ['会', '会员', '会员续费了但还是有广告'])
        kefu.drafts.autosave('payment', {
          category: 'payment',
          description,
          fields: { orderNumber: 'A20261123001' },
        });
    });
    await page.waitForTimeout(700);
    await reloadKefuPage(page);
    const draft = await page.evaluate(() => (window as any).kefu.drafts.load('payment'));
    expect(draft).toEqual({
      category: 'payment',
      description: '会员续费了但还是有广告',
      fields: { orderNumber: 'A20261123001' },
    });
    const receipt = await page.evaluate(
      (d) =>
        (window as any).kefu.submitTicket({ ...d, fields: { ...d.fields, issue: 'not-applied' } }),
      draft,
    );
    expect(receipt.status).toBe('sent');
    await reloadKefuPage(page);
    expect(await page.evaluate(() => (window as any).kefu.drafts.load('payment'))).toBeUndefined();
    expect(
      await page.evaluate(() =>
        (window as any).kefu.tickets.list().then((l: { id: string }[]) => l.map((t) => t.id)),
      ),
    ).toEqual([receipt.id]);
  });

  it('follows up: an agent replies in the inbox, refresh shows it, the user replies, and a solved ticket asks the survey', async () => {
    context = await browser.newContext();
    const page = await openKefuPage(context, server.url);
    const receipt = await page.evaluate(() => {
      const kefu = (window as any).kefu;
      kefu.setWatchContext(
        { contentId: 'ep-3', title: '第三集', url: 'https://video.example/watch/ep-3' },
        { currentTime: 754.6 },
      );
      return kefu.submitTicket({
        category: 'playback',
        description: '第三集一直缓冲',
        priority: 'urgent',
        vip: true,
      });
    });
    // The agent opens the video at the moment the user asked from.
    const ticketPage = await (
      await inboxGet(server, `/inbox/tickets/${encodeURIComponent(receipt.id)}`)
    ).text();
    expect(ticketPage).toContain('href="https://video.example/watch/ep-3#t=754"');
    expect(ticketPage).toContain('Open the video at 12:34');
    expect(await (await inboxGet(server, `/inbox`)).text()).toMatch(/urgent<\/strong> <strong>VIP/);
    expect(await agent(page, receipt.id, 'reply', 'body', '请把清晰度切到 720P 试试')).toBe(
      '200 true',
    );

    const afterAgent = await page.evaluate(() => (window as any).kefu.tickets.refresh());
    expect(afterAgent[0].replies).toMatchObject([
      { from: 'agent', body: '请把清晰度切到 720P 试试' },
    ]);

    const reply = await page.evaluate(
      (id) => (window as any).kefu.tickets.reply(id, '切换后好了，谢谢'),
      receipt.id,
    );
    expect(reply.status).toBe('sent');
    await eventually(async () => {
      const [ticket] = await page.evaluate(() => (window as any).kefu.tickets.refresh());
      expect(
        ticket.replies.map((r: { from: string; body: string }) => `${r.from}:${r.body}`),
      ).toEqual(['agent:请把清晰度切到 720P 试试', 'user:切换后好了，谢谢']);
    });

    expect(await agent(page, receipt.id, 'status', 'status', 'solved')).toBe('200 true');
    const due = await page.evaluate(async () => {
      const seen: string[] = [];
      (window as any).kefu.on('survey-due', (e: { ticket: { id: string } }) =>
        seen.push(e.ticket.id),
      );
      await (window as any).kefu.tickets.refresh();
      await (window as any).kefu.tickets.survey(seen[0], { rating: 5, comment: '解决得很快' });
      return seen;
    });
    expect(due).toEqual([receipt.id]);
    const stored = (await (await fetch(`${server.url}/__tickets`)).json()) as {
      envelopes: { kind: string; payload: Record<string, unknown> }[];
    };
    expect(stored.envelopes.find((e) => e.kind === 'feedback')!.payload).toEqual({
      type: 'survey',
      ticketId: receipt.id,
      rating: 5,
      comment: '解决得很快',
    });
  });

  it('reports searches without result anonymously, and the inbox counts each once for one client', async () => {
    context = await browser.newContext();
    const page = await openKefuPage(context, server.url);
    await page.evaluate(async () => {
      const kefu = (window as any).kefu;
      await kefu.ready();
      for (const query of [
        '倍速播放',
        '投屏到电视',
        '倍速播放',
        '倍速播放',
        '投屏到电视',
        '弹幕设置',
      ])
        kefu.track({ type: 'search-no-result', query });
      kefu.track({
        type: 'article-unhelpful',
        articleId: 'cancel-auto-renewal',
        reason: 'outdated',
      });
      await new Promise((resolve) => setTimeout(resolve, 0));
      // Leaving the page sends the batch at once (with keepalive), not after the 10 s batching delay.
      window.dispatchEvent(new Event('pagehide'));
    });
    const inbox = await eventually(async () => {
      const html = await (await inboxGet(server, `/inbox`)).text();
      expect(html).toContain('弹幕设置');
      return html;
    }, 3000);
    // One client counts each query once, however often it repeats it: no single client can
    // decide what tops the list (the order by count across clients is the store's, tested there).
    for (const query of ['倍速播放', '投屏到电视', '弹幕设置'])
      expect(inbox).toContain(`<td>${query}</td><td>1</td>`);
    expect(inbox).toContain('cancel-auto-renewal');
  });
});
