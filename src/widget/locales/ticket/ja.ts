import type { WidgetMessages } from '../types';

/** 日本語. The ticket view's words. */
export const pack: Pick<WidgetMessages, 'ticket'> = {
  ticket: {
    title: 'サポートに問い合わせる',
    category: 'お問い合わせの種類',
    choose: '種類を選択',
    attachments: 'スクリーンショットやファイル',
    addFiles: 'ファイルを追加',
    removeFile: '{name} を削除',
    diagnostics: '端末と再生の情報を添付する',
    diagnosticsHint: 'サポートから改めて確認する手間が省けます。個人情報は含まれません。',
    preview: '送信される内容をすべて見る',
    previewEmpty: '端末の情報を読み取っています…',
    submit: '送信',
    fixFields: '下に示した {n} か所を修正してください。',
    draftRestored: '前回の入力内容を復元しました。',
    draftFilesUnsaved:
      '添付ファイルを下書きに保存できませんでした。閉じる・再読み込みする前に送信してください。そうしないと添付し直しが必要です。',
    select: '選択してください…',
    sending: '送信中…',
    sent: '送信しました。お問い合わせ番号は {id} です。こことメールで返信します。',
    queued: 'この端末に保存しました。オンラインに戻ると自動で送信されます。',
    queuedInMemory:
      'まだ送信も保存もされていません。このブラウザーでは端末に保存できないため、このページを開いている間だけ保持されます。接続が戻りしだい送信します。送信済みと表示されるまで、このページを閉じないでください。',
    unsentText: 'ご入力内容（このページを離れる場合はコピーしてください）',
    rejected: '受け付けられませんでした：{reason}。入力内容は保持されています。',
    failed: '送信できませんでした：{reason}。入力内容は保持されています。',
    edit: '修正して再送信',
    another: 'ヘルプに戻る',
    yes: 'はい',
  },
};
