import type { WidgetMessages } from '../types';

/** 日本語. The mine view's words. */
export const pack: Pick<WidgetMessages, 'mine'> = {
  mine: {
    title: 'お問い合わせ履歴',
    empty: 'この端末からのお問い合わせはまだありません。',
    refreshFailed: '新しい返信を確認できませんでした。前回の内容を表示しています。',
    you: 'あなた',
    agent: 'サポート',
    sending: '送信待ち',
    reply: '返信内容',
    send: '返信を送信',
    sent: '返信を送信しました。',
    queued: '返信を保存しました。オンラインに戻ると送信されます。',
    queuedInMemory:
      '返信はまだ送信も保存もされていません。このブラウザーでは保存できないため、送信されるまでこのページを開いたままにしてください。',
    failed: '送信できませんでした：{reason}',
    survey: '今回の対応はいかがでしたか？',
    rate: '評価',
    comment: 'コメント（任意）',
    dismiss: '今はしない',
    thanks: '評価していただきありがとうございます。',
    status: {
      queued: '未送信',
      rejected: '受付不可',
      open: '対応中',
      pending: 'お客様の返信待ち',
      solved: '解決済み',
      closed: 'クローズ',
    },
  },
};
