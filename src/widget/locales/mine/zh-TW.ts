import type { WidgetMessages } from '../types';

/** 繁體中文（台灣）: converted from zh-CN with OpenCC (s2twp: Taiwan vocabulary), then read through. The mine view's words. */
export const pack: Pick<WidgetMessages, 'mine'> = {
  mine: {
    title: '我的客服單',
    empty: '你還沒有在這臺裝置上聯絡過客服。',
    refreshFailed: '暫時無法獲取新回覆，顯示的是上次的內容。',
    you: '我',
    agent: '客服',
    sending: '等待發送',
    reply: '回覆內容',
    send: '傳送回覆',
    sent: '回覆已傳送。',
    queued: '回覆已儲存，連上網路後會自動傳送。',
    queuedInMemory: '回覆尚未傳送，也未儲存：此瀏覽器不允許儲存。請在傳送完成前保持此頁面開啟。',
    failed: '傳送失敗：{reason}',
    survey: '請為這次服務評分',
    rate: '評分',
    comment: '評價（選填）',
    dismiss: '以後再說',
    thanks: '感謝你的評價。',
    status: {
      queued: '尚未傳送',
      rejected: '未被受理',
      open: '處理中',
      pending: '等待你回覆',
      solved: '已解決',
      closed: '已關閉',
    },
  },
};
