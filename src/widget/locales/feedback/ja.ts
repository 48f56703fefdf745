import type { WidgetMessages } from '../types';

/** 日本語. The feedback view's words. */
export const pack: Pick<WidgetMessages, 'feedback'> = {
  feedback: {
    title: 'フィードバック',
    rate: 'アプリの使い心地はいかがですか？',
    stars: '5 段階中 {n}',
    comment: 'ほかにご意見があればどうぞ（任意）',
    suggest: '改善の提案',
    suggestion: 'アイデア',
    report: 'この動画を報告',
    reason: 'この動画の問題点は何ですか？',
    send: '送信',
    sent: 'ありがとうございます。送信しました。',
    queued: '保存しました。オンラインに戻ると送信されます。',
    queuedInMemory:
      'まだ送信も保存もされていません。このブラウザーでは端末に保存できません。接続が戻りしだい送信するので、このページを開いたままにしてください。',
    failed: '送信できませんでした：{reason}',
    reasons: {
      spam: 'スパム・広告',
      sexual: '性的なコンテンツ',
      violence: '暴力的なコンテンツ',
      hate: 'ヘイトスピーチ',
      harassment: '嫌がらせ',
      'minor-safety': '未成年者への危険',
      misinformation: '誤った情報',
      copyright: '著作権侵害',
      privacy: 'プライバシーの侵害',
      other: 'その他',
    },
  },
};
