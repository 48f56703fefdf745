import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CATEGORIES,
  describeForm,
  prepareTicket,
  validateDraft,
  type FormOptions,
} from '../../src/tickets';
import { en } from '../../src/tickets/messages/en';
import { zhCN } from '../../src/tickets/messages/zh-CN';

const zh: FormOptions = {
  categories: DEFAULT_CATEGORIES,
  locale: 'zh-CN',
  messages: zhCN,
  region: 'CN',
};
const english: FormOptions = { ...zh, locale: 'en', messages: en };

describe('ticket forms', () => {
  it('has the default set of a video app, each with its team', () => {
    expect(DEFAULT_CATEGORIES.map((c) => c.id)).toEqual([
      'account',
      'payment',
      'playback',
      'download',
      'copyright',
      'creator',
      'report',
      'suggestion',
    ]);
    expect(DEFAULT_CATEGORIES.every((c) => c.team)).toBe(true);
  });

  it('describes a category in the user’s language: built-in and custom fields, options, diagnostics offered', () => {
    const form = describeForm('payment', zh)!;
    expect(form.label).toBe('会员与支付');
    expect(form.team).toBe('billing');
    expect(form.diagnostics).toBe(false);
    expect(form.fields.map((f) => f.name)).toEqual([
      'subject',
      'description',
      'contact.email',
      'contact.phone',
      'fields.orderNumber',
      'fields.issue',
      'fields.paidOn',
    ]);
    expect(form.fields.find((f) => f.name === 'fields.orderNumber')).toMatchObject({
      type: 'orderNumber',
      label: '订单号',
      required: true,
    });
    expect(form.fields.find((f) => f.name === 'fields.issue')!.options![0]).toEqual({
      value: 'refund',
      label: '申请退款',
    });
    expect(describeForm('playback', english)!).toMatchObject({
      label: 'Playback',
      diagnostics: true,
    });
  });

  it('prefills the contact from the signed-in user', () => {
    expect(
      describeForm('account', { ...zh, user: { email: 'u@example.com', phone: '13800138000' } })!
        .initial,
    ).toEqual({ category: 'account', contact: { email: 'u@example.com', phone: '13800138000' } });
    expect(describeForm('account', zh)!.initial).toEqual({ category: 'account' });
  });

  it('lets an app declare its own categories with their fields, routing and contact requirement', () => {
    const options = {
      ...zh,
      categories: [
        {
          id: 'vip',
          label: { 'zh-CN': '大会员专线' },
          team: 'vip-desk',
          priority: 'urgent' as const,
          contactRequired: true,
          fields: [
            {
              name: 'agree',
              type: 'checkbox' as const,
              required: true,
              label: { 'zh-CN': '同意联系我' },
            },
          ],
        },
      ],
    };
    expect(describeForm('vip', options)).toMatchObject({
      label: '大会员专线',
      team: 'vip-desk',
      priority: 'urgent',
    });
    expect(describeForm('playback', options)).toBeUndefined();
    expect(validateDraft({ category: 'vip', description: '充值未到账' }, options)).toEqual([
      { field: 'contact.email', message: '邮箱：不能为空' },
      { field: 'fields.agree', message: '同意联系我：不能为空' },
    ]);
  });

  it('names every field at fault and why, in Chinese for zh-CN and in English for en', () => {
    const draft = {
      category: 'payment',
      description: '  ',
      contact: { phone: '12345' },
      fields: { orderNumber: '12', issue: 'gift', paidOn: '2026-02-30' },
    };
    expect(validateDraft(draft, zh)).toEqual([
      { field: 'description', message: '问题描述：不能为空' },
      { field: 'contact.phone', message: '手机号：不是中国大陆手机号（以 1 开头的 11 位数字）' },
      { field: 'fields.orderNumber', message: '订单号：订单号格式不正确（6–32 位字母或数字）' },
      { field: 'fields.issue', message: '遇到的问题：不是可选项之一' },
      { field: 'fields.paidOn', message: '支付日期：请输入日期（YYYY-MM-DD）' },
    ]);
    expect(validateDraft(draft, english).map((p) => p.message)).toEqual([
      'Describe the problem: is required',
      'Phone: is not a mainland China mobile number (11 digits starting with 1)',
      'Order number: is not an order number (letters and digits, 6 to 32)',
      'What happened: is not one of the choices',
      'Paid on: must be a date (YYYY-MM-DD)',
    ]);
  });

  it('refuses an unknown category and passes a complete draft', () => {
    expect(validateDraft({ category: 'nope', description: 'x' }, zh)).toEqual([
      { field: 'category', message: '问题类型：不是本应用的问题类型' },
    ]);
    expect(
      validateDraft(
        {
          category: 'payment',
          description: '扣款两次',
          fields: { orderNumber: 'A20261123001', issue: 'refund' },
        },
        zh,
      ),
    ).toEqual([]);
  });

  it('gives every problem code a reason in both built-in tables', () => {
    expect(Object.keys(zhCN.reasons).sort()).toEqual(Object.keys(en.reasons).sort());
    expect(Object.keys(zhCN.labels).sort()).toEqual(Object.keys(en.labels).sort());
  });
});

describe('ticket forms named by another word of their topic', () => {
  it("opens the app's category of the topic: membership is payment, content is copyright", () => {
    expect(describeForm('membership', zh)!.category).toBe('payment');
    expect(describeForm('membership', zh)!.initial).toEqual({ category: 'payment' });
    expect(describeForm('content', english)!.category).toBe('copyright');
    expect(describeForm('suggestions', english)!.category).toBe('suggestion');
    expect(describeForm('unheard-of', english)).toBeUndefined();
  });

  it("prefers an app's own category over the topic its id is an alias of", () => {
    const own: FormOptions = {
      ...english,
      categories: [...DEFAULT_CATEGORIES, { id: 'membership', team: 'vip-desk' }],
    };
    expect(describeForm('membership', own)!.category).toBe('membership');
    expect(describeForm('membership', own)!.team).toBe('vip-desk');
  });

  it('sends a submission named by an alias under the category id, with its fields checked', async () => {
    const draft = {
      category: 'membership',
      description: 'Paid 30 yuan for coins, nothing arrived',
      fields: { orderNumber: 'WX20260412000123', issue: 'not-applied' },
    };
    const prepared = await prepareTicket(draft, english);
    expect(prepared.payload).toMatchObject({ category: 'payment', team: 'billing' });
    // The payment form's own required field is asked for, as under its own id.
    expect(validateDraft({ ...draft, fields: {} }, english).map((p) => p.field)).toContain(
      'fields.orderNumber',
    );
  });
});
