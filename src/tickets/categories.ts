import type { FieldSpec } from './fields';

/** A ticket category: what the form asks for, whether diagnostics are offered, where it goes. */
export interface CategorySpec {
  /** The id the ticket carries as `category`. */
  id: string;
  /** The label per locale; falls back to the message table, then `id`. */
  label?: Record<string, string>;
  /** Custom fields this category asks for, in form order. @default [] */
  fields?: FieldSpec[];
  /** Offer to attach device and playback diagnostics (the user still decides). @default false */
  diagnostics?: boolean;
  /** Offer attachments. @default true */
  attachments?: boolean;
  /** The team or skill group the ticket is routed to. @default none */
  team?: string;
  /** The priority tickets of this category start with. @default 'normal' */
  priority?: 'normal' | 'high' | 'urgent';
  /** Ask for an email or a phone number. @default false */
  contactRequired?: boolean;
}

/**
 * The default categories of a video app, from what support teams of video platforms handle.
 * An app replaces them with `createKefu({ tickets: { categories } })`.
 */
export const DEFAULT_CATEGORIES: readonly CategorySpec[] = [
  { id: 'account', team: 'account' },
  {
    id: 'payment',
    team: 'billing',
    fields: [
      { name: 'orderNumber', type: 'orderNumber', required: true },
      {
        name: 'issue',
        type: 'select',
        required: true,
        label: { en: 'What happened', 'zh-CN': '遇到的问题' },
        options: [
          { value: 'refund', label: { en: 'Refund', 'zh-CN': '申请退款' } },
          { value: 'auto-renewal', label: { en: 'Cancel auto-renewal', 'zh-CN': '取消自动续费' } },
          {
            value: 'not-applied',
            label: { en: 'Membership not applied', 'zh-CN': '会员权益未生效' },
          },
          { value: 'other', label: { en: 'Other', 'zh-CN': '其他' } },
        ],
      },
      { name: 'paidOn', type: 'date', label: { en: 'Paid on', 'zh-CN': '支付日期' } },
    ],
  },
  {
    id: 'playback',
    team: 'playback',
    diagnostics: true,
    fields: [
      {
        name: 'symptoms',
        type: 'multiSelect',
        label: { en: 'What do you see', 'zh-CN': '出现的现象' },
        options: [
          { value: 'stutter', label: { en: 'Stutter or buffering', 'zh-CN': '卡顿或缓冲' } },
          { value: 'black-screen', label: { en: 'Black screen', 'zh-CN': '黑屏' } },
          { value: 'subtitles', label: { en: 'Subtitles wrong', 'zh-CN': '字幕错误' } },
          { value: 'resolution', label: { en: 'Low resolution', 'zh-CN': '清晰度低' } },
          { value: 'no-sound', label: { en: 'No sound', 'zh-CN': '没有声音' } },
        ],
      },
    ],
  },
  { id: 'download', team: 'playback', diagnostics: true },
  { id: 'copyright', team: 'content' },
  { id: 'creator', team: 'creators' },
  { id: 'report', team: 'trust-safety', priority: 'high' },
  { id: 'suggestion', team: 'product', attachments: true },
];
