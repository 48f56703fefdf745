import type { CoreMessages, PartLoaders } from './types';

/** 繁體中文（台灣）: converted from zh-CN with OpenCC (s2twp: Taiwan vocabulary), then read through. */
export const zhTW: CoreMessages = {
  locale: 'zh-TW',
  dir: 'ltr',
  title: '說明與意見回饋',
  close: '關閉',
  back: '返回',
  loading: '載入中…',
  loadFailed: '載入失敗，請檢查網路後重試。',
  retry: '重試',
  offline: {
    title: '目前沒有網路',
    saved: '下面是本機儲存的說明文章。',
    none: '說明文章需要連網才能查看。',
    ticket: '你仍可聯絡客服：留言會在恢復連網後自動送出。',
  },
  search: {
    label: '搜尋說明文章',
    placeholder: '例如：卡頓、自動續費、投影',
    voice: '語音搜尋',
    listening: '正在聆聽，請說出你的問題…',
    results: '找到 {n} 篇文章',
    none: '沒有找到能回答「{q}」的文章。',
    noneHint: '換個說法試試，或直接問客服，你的問題會一併帶上。',
    popular: '大家都在看',
    suggested: '與目前頁面相關',
    weak: '可能相關',
    weakHint: '以下文章都不能明確回答「{q}」。',
    weakSaid: '沒有明確答案，有 {n} 篇可能相關的文章。',
    ask: '就「{q}」詢問客服',
    categories: '問題分類',
    all: '全部',
  },
  onward: {
    heading: '還沒解決？',
    ticket: '聯絡客服',
    check: '播放自檢',
    feedback: '意見回饋',
    mine: '我的客服單',
    contact: '其他聯絡方式',
    chat: '線上客服',
  },
  article: {
    helpful: '這篇文章有幫助嗎？',
    yes: '有幫助',
    no: '沒幫助',
    thanks: '感謝你的回饋。',
    stillNeedHelp: '仍需幫助？聯絡客服',
    notFound: '這篇文章已不存在。',
    video: '影片教學',
  },
  categories: {
    account: '帳號與登入',
    payment: '會員與付款',
    playback: '播放問題',
    download: '下載與投影',
    copyright: '內容與版權',
    creator: '創作者',
    report: '檢舉',
    suggestion: '功能建議',
  },
};

/** Where the words of the other views are, loaded when a view first opens. */
export const parts: PartLoaders = {
  check: () => import('./check/zh-TW'),
  feedback: () => import('./feedback/zh-TW'),
  ticket: () => import('./ticket/zh-TW'),
  mine: () => import('./mine/zh-TW'),
  contact: () => import('./contact/zh-TW'),
  chat: () => import('./chat/zh-TW'),
};
