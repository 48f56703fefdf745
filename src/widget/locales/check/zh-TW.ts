import type { WidgetMessages } from '../types';

/** 繁體中文（台灣）: converted from zh-CN with OpenCC (s2twp: Taiwan vocabulary), then read through. The check view's words. */
export const pack: Pick<WidgetMessages, 'check' | 'findings'> = {
  check: {
    title: '播放自檢',
    intro: '一鍵檢查網路、裝置和播放器，告訴你該怎麼做。',
    run: '開始檢查',
    running: '正在檢查…',
    fine: '沒有發現你這邊的問題。如果仍然無法播放，請告訴我們。',
    ours: '看起來是我們的問題，不是你的。',
    report: '附上檢查結果報告問題',
    answer: '查看說明',
    fix: '建議',
    again: '重新檢查',
  },
  findings: {
    offline: ['網路已斷開', '請連線 Wi-Fi 或行動數據後重試。'],
    network_too_slow: ['網速跟不上當前畫質', '請切換到更好的網路，或把畫質調低（例如 720P）。'],
    high_latency: ['網路響應很慢', '請靠近路由器、重啟路由器，或切換網路。'],
    data_saver: ['省流量模式已開啟', '為本 App關閉省流量模式即可觀看高畫質。'],
    cdn_fault: [
      '我們的影片伺服器響應慢或出錯',
      '你無需做任何操作：請報告問題，我們會檢查該伺服器。',
    ],
    device_struggles: ['裝置播放這個影片很吃力', '請關閉其他 App，或調低畫質。'],
    decode_error: ['影片解碼失敗', '請更新 App或瀏覽器；如果反覆出現，請報告問題。'],
    unsupported_media: ['裝置不支援這種影片格式', '請更新 App或瀏覽器，或換一臺裝置。'],
    outdated_software: ['App 或瀏覽器版本過舊', '請更新到最新版本。'],
    autoplay_blocked: ['瀏覽器阻止了有聲自動播放', '請點選播放，或允許本網站播放聲音。'],
  },
};
