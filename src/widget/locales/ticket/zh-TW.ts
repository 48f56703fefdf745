import type { WidgetMessages } from '../types';

/** 繁體中文（台灣）: converted from zh-CN with OpenCC (s2twp: Taiwan vocabulary), then read through. The ticket view's words. */
export const pack: Pick<WidgetMessages, 'ticket'> = {
  ticket: {
    title: '聯絡客服',
    category: '問題類型',
    choose: '選擇問題類型',
    attachments: '截圖或檔案',
    addFiles: '新增檔案',
    removeFile: '移除 {name}',
    diagnostics: '附上裝置與播放資訊',
    diagnosticsHint: '客服無需再向你詢問這些資訊。不包含個人隱私。',
    preview: '查看將要傳送的全部內容',
    previewEmpty: '正在讀取裝置資訊…',
    submit: '提交',
    fixFields: '有 {n} 處需要修改，請查看下方標註。',
    draftRestored: '已恢復你上次填寫的內容。',
    draftFilesUnsaved: '附件沒能存進草稿：請在關閉或重新整理前送出，否則需要重新加入附件。',
    select: '請選擇…',
    sending: '正在提交…',
    sent: '已提交，客服單號 {id}。客服會在這裡和郵件中回覆你。',
    queued: '已儲存在本機，連上網路後會自動傳送。',
    queuedInMemory:
      '尚未傳送，也未儲存：此瀏覽器不允許儲存在本機，只在此頁面開啟期間保留。連上網路後會立即傳送，請在顯示已傳送之前不要關閉此頁面。',
    unsentText: '你填寫的內容（如必須離開此頁面，請先複製）',
    rejected: '未被受理：{reason}。你填寫的內容已保留。',
    failed: '提交失敗：{reason}。你填寫的內容已保留。',
    edit: '修改後重新送出',
    another: '返回說明首頁',
    yes: '是',
  },
};
