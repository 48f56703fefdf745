import type { WidgetMessages } from '../types';

/** 繁體中文（台灣）: converted from zh-CN with OpenCC (s2twp: Taiwan vocabulary), then read through. The contact view's words. */
export const pack: Pick<WidgetMessages, 'contact'> = {
  contact: {
    title: '聯絡我們',
    hours: '服務時間',
    days: '{days} {from}–{to}',
    openNow: '現在在服務時間內',
    closedNow: '現在不在服務時間：客服單會在上班後處理。',
    reply: '客服單一般在 {n} 小時內回覆。',
    urgent: '緊急問題（付款、帳號被盜）在服務時間內 {n} 小時內回覆。',
    call: '撥打 {value}',
    email: '發郵件至 {value}',
    ticket: '提交客服單',
    link: '開啟{label}',
    yourTime: '以上為你所在時區的時間（{tz}）。',
  },
};
