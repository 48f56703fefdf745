import type { ChatMessages } from './types';

/** 日本語. */
export const ja: ChatMessages = {
  title: 'チャットサポート',
  botIntro:
    'こんにちは。ご質問にはヘルプ記事からすぐにお答えします。担当者にもいつでもつなげます。',
  botStrong: 'こちらで解決できるはずです：',
  botWeak: 'こちらが役立つかもしれません：',
  botNone: '申し訳ありません、答えが見つかりませんでした。',
  solved: '解決した',
  notSolved: '役に立たなかった',
  person: '担当者と話す',
  personOffer: '担当者におつなぎしましょうか？',
  solvedThanks: 'お役に立ててよかったです。',
  handover: 'アシスタントとの会話も引き継がれるので、同じ説明は不要です。',
  label: 'メッセージ',
  placeholder: 'メッセージを入力…',
  send: '送信',
  attach: 'ファイルを添付',
  removeFile: '{name} を削除',
  you: 'あなた',
  agent: 'サポート',
  bot: 'アシスタント',
  system: 'お知らせ',
  state: {
    sending: '送信中…',
    queued: '接続待ち',
    sent: '送信済み',
    read: '既読',
    failed: '未送信',
  },
  typing: '{name}が入力中…',
  position: '現在 {n} 番目にお待ちいただいています。',
  wait: '約 {m} 分で返信の見込みです。',
  waitUnknown: '担当者の手が空きしだいお答えします。',
  closedAt:
    '現在は営業時間外です。メッセージを残してください。{time} から返信し、返信時にはバッジでお知らせします。',
  closed: '現在は営業時間外です。メッセージを残してください。再開後にお答えします。',
  active: '{name} が対応しています。',
  solvedStatus: '解決済みになりました。いつでも再度メッセージできます。',
  closedStatus: 'この会話は終了しました。',
  tooLong: '最大 {max} 文字です（現在 {n} 文字）。',
  newMessage: '{name}からの新着メッセージ：{body}',
  failed: '送信できませんでした：{reason}',
  file: 'ファイル：{name}',
  surveyAsk: '今回の対応はいかがでしたか？',
  surveyStars: '5 つ星中 {n}',
  surveyComment: 'ご意見があればどうぞ（任意）',
  surveySend: '評価を送信',
  surveyLater: '今はしない',
  surveyPick: '先に 1〜5 の評価を選んでください。',
  surveyThanks: 'ご評価ありがとうございます！',
};

/** The part the panel loads with the chat view. */
export const pack = { chat: ja };
