import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { isKefuError } from 'kefu';
import { createIndexedDbStore, createMemoryStore } from '../../src/storage';
import { client, envelopeOf, fakeServer, json } from './helpers';

const created = () => fakeServer(() => json(201, { id: 'T-1', status: 'open' }));

describe('kefu.submitTicket with forms', () => {
  it('refuses a draft with every problem listed in the user’s language, before anything is stored or sent', async () => {
    const server = created();
    const kefu = client({ fetch: server.fetch });
    const error = await kefu
      .submitTicket({
        category: 'payment',
        description: '扣款两次',
        contact: { phone: '1234' },
        fields: { orderNumber: 'x' },
      })
      .catch((e) => e);
    expect(isKefuError(error, 'invalid_input')).toBe(true);
    expect(error.field).toBe('contact.phone');
    expect(error.problems.map((p: { field: string }) => p.field)).toEqual([
      'contact.phone',
      'fields.orderNumber',
      'fields.issue',
    ]);
    expect(error.message).toContain('手机号：不是中国大陆手机号');
    expect(server.calls).toHaveLength(0);
    expect(await kefu.pending()).toEqual([]);
  });

  it('speaks English when the locale is en, and follows setLocale', async () => {
    const kefu = client({ fetch: created().fetch, locale: 'en' });
    const error = await kefu
      .submitTicket({ category: 'account', description: ' ' })
      .catch((e) => e);
    expect(error.message).toBe('Describe the problem: is required');
    kefu.setLocale('zh-TW');
    expect((await kefu.validateTicket({ category: 'account', description: '' }))[0]!.message).toBe(
      '问题描述：不能为空',
    );
  });

  it('routes by category, carries VIP, urgency and the watch context with the player’s position at submit time', async () => {
    const server = created();
    const kefu = client({ fetch: server.fetch, vip: true });
    const player = { currentTime: 12.5 };
    kefu.setWatchContext({ contentId: 'ep-1001', title: '长安十二时辰', episode: 'S1E3' }, player);
    player.currentTime = 754.2;
    await kefu.submitTicket({
      category: 'playback',
      description: '这一集 12 分钟处黑屏',
      priority: 'urgent',
      fields: { symptoms: ['black-screen'] },
    });
    expect(envelopeOf(server.calls[0]!).payload).toMatchObject({
      team: 'playback',
      vip: true,
      priority: 'urgent',
      context: { contentId: 'ep-1001', title: '长安十二时辰', episode: 'S1E3', positionSec: 754.2 },
      fields: { symptoms: ['black-screen'] },
    });
  });

  it('sends diagnostics only with consent, and the video still as an image attachment instead of inside the JSON', async () => {
    const server = created();
    const kefu = client({ fetch: server.fetch });
    const frame = `data:image/jpeg;base64,${btoa('fake jpeg bytes')}`;
    const snapshot = { network: { type: 'wifi' }, frame };
    const preview = await kefu.previewDiagnostics(snapshot);
    expect(preview.map((l) => l.path)).toEqual(['network.type', 'frame']);
    await kefu.submitTicket({ category: 'playback', description: '卡', diagnostics: snapshot });
    const form = server.calls[0]!.body as FormData;
    const envelope = envelopeOf(server.calls[0]!);
    expect(envelope.diagnostics).toEqual({ network: { type: 'wifi' } });
    expect(envelope.payload.attachments).toEqual([
      { part: 'attachment-0', name: 'video-frame.jpg', type: 'image/jpeg', size: 15 },
    ]);
    expect(await (form.get('attachment-0') as Blob).text()).toBe('fake jpeg bytes');

    await kefu.submitTicket({
      category: 'playback',
      description: '卡',
      diagnostics: snapshot,
      includeDiagnostics: false,
    });
    expect(envelopeOf(server.calls[1]!).diagnostics).toBeUndefined();
    expect(server.calls[1]!.body).not.toBeInstanceOf(FormData);
    await kefu.submitTicket({
      category: 'playback',
      description: '卡',
      diagnostics: snapshot,
      includeFrame: false,
    });
    expect(envelopeOf(server.calls[2]!)).toMatchObject({
      diagnostics: { network: { type: 'wifi' } },
    });
    expect(envelopeOf(server.calls[2]!).payload.attachments).toBeUndefined();
  });

  it('says in the user’s language what the wire schema refuses beyond the form, such as a negative position', async () => {
    const server = created();
    const kefu = client({ fetch: server.fetch });
    const error = await kefu
      .submitTicket({
        category: 'playback',
        description: '卡',
        team: 'x'.repeat(101),
        context: { positionSec: -1 },
      })
      .catch((e) => e);
    expect(isKefuError(error, 'invalid_input')).toBe(true);
    expect(error.problems).toEqual([
      { field: 'team', message: '处理组：最多 100 个字符' },
      { field: 'context.positionSec', message: '播放位置：不能小于 0' },
    ]);
    expect(server.calls).toHaveLength(0);
  });

  it('refuses files of a type not accepted, too large, or too many, naming each', async () => {
    const server = created();
    const kefu = client({ fetch: server.fetch, attachments: { maxBytes: 10, maxFiles: 2 } });
    const exe = new File(['MZ'], 'setup.exe', { type: 'application/x-msdownload' });
    const big = new File(['x'.repeat(11)], 'log.txt', { type: 'text/plain' });
    const error = await kefu
      .submitTicket({ category: 'playback', description: '卡', attachments: [exe, big, big] })
      .catch((e) => e);
    expect(error.problems).toEqual([
      { field: 'attachments', message: '附件：最多上传 2 个文件' },
      { field: 'attachments.0', message: 'setup.exe：不支持此类文件' },
      { field: 'attachments.1', message: 'log.txt：文件超过 0 MB' },
      { field: 'attachments.2', message: 'log.txt：文件超过 0 MB' },
    ]);
    expect(server.calls).toHaveLength(0);
  });

  it('keeps the draft when the server refuses the ticket, and deletes it once the server acknowledged', async () => {
    let answer = json(422, {
      error: { code: 'invalid', message: '订单不存在', field: 'fields.orderNumber' },
    });
    const server = fakeServer(() => answer);
    const kefu = client({ fetch: server.fetch });
    const draft = {
      category: 'payment',
      description: '扣款两次',
      fields: { orderNumber: 'A20261123001', issue: 'refund' },
    };
    await kefu.drafts.save('payment', draft);
    const error = await kefu.submitTicket(draft).catch((e) => e);
    expect(isKefuError(error, 'rejected')).toBe(true);
    expect(error.message).toBe('订单不存在');
    expect(await kefu.drafts.load('payment')).toEqual(draft);
    expect(await kefu.tickets.list()).toEqual([]);
    answer = json(201, { id: 'T-9', status: 'open' });
    expect((await kefu.submitTicket(draft)).status).toBe('sent');
    expect(await kefu.drafts.load('payment')).toBeUndefined();
  });

  it('deletes the draft when the ticket is queued too: the outbox on the device now keeps what was typed', async () => {
    vi.stubGlobal('indexedDB', new IDBFactory());
    const server = fakeServer(() => new Response('busy', { status: 503 }));
    const storage = createIndexedDbStore('kefu-submit-durable');
    const kefu = client({ fetch: server.fetch, storage });
    await kefu.drafts.save('my-form', { category: 'account', description: '被盗号' });
    const receipt = await kefu.submitTicket({
      category: 'account',
      description: '被盗号',
      draftKey: 'my-form',
    });
    expect(receipt.status).toBe('queued');
    expect(await kefu.drafts.load('my-form')).toBeUndefined();
    expect((await kefu.pending())[0]!.envelope.payload).toMatchObject({ description: '被盗号' });
    expect((await kefu.tickets.list())[0]).toMatchObject({
      status: 'queued',
      envelopeId: receipt.envelopeId,
    });
  });

  it('keeps the draft of a ticket queued only in memory, and drops it once the ticket is sent', async () => {
    let up = false;
    const server = fakeServer(() =>
      up ? json(201, { id: 'T-9', status: 'open' }) : new Response('busy', { status: 503 }),
    );
    const kefu = client({ fetch: server.fetch, storage: createMemoryStore() });
    await kefu.drafts.save('memory-form', { category: 'account', description: '只在内存里' });
    const receipt = await kefu.submitTicket({
      category: 'account',
      description: '只在内存里',
      draftKey: 'memory-form',
    });
    expect([receipt.status, receipt.durable]).toEqual(['queued', false]);
    expect(await kefu.drafts.load('memory-form')).toMatchObject({ description: '只在内存里' });
    up = true;
    await kefu.flush();
    await expect.poll(() => kefu.drafts.load('memory-form')).toBeUndefined();
  });

  it('describes forms for a UI and refuses an unknown category by name', async () => {
    const kefu = client({ fetch: created().fetch, user: { email: 'a@example.com' } });
    expect((await kefu.categories()).map((f) => f.label)).toContain('播放问题');
    expect((await kefu.ticketForm('account')).initial).toEqual({
      category: 'account',
      contact: { email: 'a@example.com' },
    });
    const error = await kefu.ticketForm('nope').catch((e) => e);
    expect(isKefuError(error, 'invalid_input')).toBe(true);
    expect(error.field).toBe('category');
  });
});
