import type { CoreMessages, PartLoaders } from './types';

/** 日本語. */
export const ja: CoreMessages = {
  locale: 'ja',
  dir: 'ltr',
  title: 'ヘルプとフィードバック',
  close: '閉じる',
  back: '戻る',
  loading: '読み込み中…',
  loadFailed: '読み込めませんでした。接続を確認して、もう一度お試しください。',
  retry: '再試行',
  offline: {
    title: 'オフラインです',
    saved: 'この端末に保存されたヘルプ記事を下に表示しています。',
    none: 'ヘルプ記事の表示にはインターネット接続が必要です。',
    ticket: 'サポートへのお問い合わせは今もできます。オンラインに戻ると自動で送信されます。',
  },
  search: {
    label: 'ヘルプ記事を検索',
    placeholder: '例：再生が止まる、自動更新、キャスト',
    voice: '音声で検索',
    listening: '聞き取り中…質問をどうぞ',
    results: '{n} 件の記事',
    none: '「{q}」にはっきり答える記事は見つかりませんでした。',
    noneHint: '別の言葉で試すか、サポートにお尋ねください。質問はそのまま引き継がれます。',
    popular: 'よく読まれている記事',
    suggested: 'このページに関する記事',
    weak: '関連するかもしれない記事',
    weakHint: '「{q}」にはっきり答える記事はありません。',
    weakSaid: 'はっきりした答えはありません。関連するかもしれない記事：{n} 件。',
    ask: '「{q}」についてサポートに問い合わせる',
    categories: 'トピック',
    all: 'すべて',
  },
  onward: {
    heading: '解決しませんか？',
    ticket: 'サポートに問い合わせる',
    check: '再生チェック',
    feedback: 'フィードバック',
    mine: 'お問い合わせ履歴',
    contact: 'その他の連絡方法',
    chat: 'チャットで相談',
  },
  article: {
    helpful: 'この記事は役に立ちましたか？',
    yes: 'はい',
    no: 'いいえ',
    thanks: 'ご意見ありがとうございます。',
    stillNeedHelp: '解決しない場合はサポートへ',
    notFound: 'この記事は公開されていません。',
    video: '動画チュートリアル',
  },
  categories: {
    account: 'アカウントとログイン',
    payment: '会員とお支払い',
    playback: '再生',
    download: 'ダウンロードとキャスト',
    copyright: 'コンテンツと著作権',
    creator: 'クリエイター',
    report: '通報',
    suggestion: 'ご提案',
  },
};

/** Where the words of the other views are, loaded when a view first opens. */
export const parts: PartLoaders = {
  check: () => import('./check/ja'),
  feedback: () => import('./feedback/ja'),
  ticket: () => import('./ticket/ja'),
  mine: () => import('./mine/ja'),
  contact: () => import('./contact/ja'),
  chat: () => import('./chat/ja'),
};
