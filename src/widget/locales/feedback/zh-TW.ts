import type { WidgetMessages } from '../types';

/** 繁體中文（台灣）: converted from zh-CN with OpenCC (s2twp: Taiwan vocabulary), then read through. The feedback view's words. */
export const pack: Pick<WidgetMessages, 'feedback'> = {
  feedback: {
    title: '意見回饋',
    rate: '你覺得這個 App怎麼樣？',
    stars: '{n} 星（滿分 5 星）',
    comment: '還想說點什麼？（選填）',
    suggest: '提建議',
    suggestion: '你的想法',
    report: '檢舉這個影片',
    reason: '這個影片有什麼問題？',
    send: '提交',
    sent: '謝謝，已提交。',
    queued: '已儲存，連上網路後會自動傳送。',
    queuedInMemory:
      '尚未傳送，也未儲存：此瀏覽器不允許儲存在本機。請保持此頁面開啟，連上網路後會立即傳送。',
    failed: '提交失敗：{reason}',
    reasons: {
      spam: '垃圾廣告',
      sexual: '色情低俗',
      violence: '暴力血腥',
      hate: '仇恨言論',
      harassment: '騷擾攻擊',
      'minor-safety': '危害未成年人',
      misinformation: '虛假資訊',
      copyright: '侵犯版權',
      privacy: '侵犯隱私',
      other: '其他',
    },
  },
};
