import type { WidgetMessages } from '../types';

/** 日本語. The contact view's words. */
export const pack: Pick<WidgetMessages, 'contact'> = {
  contact: {
    title: 'お問い合わせ',
    hours: '受付時間',
    days: '{days} {from}〜{to}',
    openNow: '現在受付中です',
    closedNow: '現在は受付時間外です。お問い合わせは受付開始後に対応します。',
    reply: 'お問い合わせには {n} 時間以内に返信します。',
    urgent:
      '緊急の問題（お支払い、アカウントの乗っ取り）には、受付時間内であれば {n} 時間以内に返信します。',
    call: '{value} に電話する',
    email: '{value} にメールする',
    ticket: 'お問い合わせフォーム',
    link: '{label}を開く',
    yourTime: '時刻はお使いのタイムゾーン（{tz}）で表示しています。',
  },
};
