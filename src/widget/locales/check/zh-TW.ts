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
    yours: '問題很可能出在你這邊：請按照下面的建議操作，然後重新檢查。',
    evidence: '附上檢查結果聯絡客服',
    again: '重新檢查',
  },
  findings: {
    offline: [
      '網路已斷開',
      '關閉飛航模式，連上 Wi-Fi 或開啟行動數據。',
      '恢復連線後，點「重新檢查」。',
    ],
    network_too_slow: [
      '網速跟不上當前畫質',
      '切換網路：用 Wi-Fi 代替行動數據，或者反過來。',
      '在播放器裡調低畫質，例如 720P。',
      '暫停同一網路上的下載和其他影片。',
    ],
    high_latency: [
      '網路響應很慢',
      '靠近路由器，或重新啟動路由器。',
      '切換網路：用 Wi-Fi 代替行動數據，或者反過來。',
      '如果開著 VPN 或代理，請先關閉。',
    ],
    data_saver: [
      '省流量模式已開啟',
      '為本應用程式關閉數據節省模式即可觀看高畫質。',
      '或者保持開啟，並選擇較低的畫質。',
    ],
    cdn_fault: [
      '我們的影片伺服器響應慢或出錯',
      '你不需要做任何操作：請回報問題，我們會檢查該伺服器。',
    ],
    device_struggles: [
      '裝置播放這個影片很吃力',
      '關閉其他應用程式和瀏覽器分頁。',
      '在播放器裡調低畫質。',
      '更新應用程式；如果裝置發燙，請重新開機。',
    ],
    decode_error: [
      '影片解碼失敗',
      '更新應用程式或瀏覽器。',
      '如果反覆出現，請附上檢查結果回報問題。',
    ],
    unsupported_media: ['裝置不支援這種影片格式', '更新應用程式或瀏覽器。', '或者換一台裝置觀看。'],
    outdated_software: [
      'App 或瀏覽器版本過舊',
      '把應用程式或瀏覽器更新到最新版本。',
      '如果裝置提示有系統更新，也請一併安裝。',
    ],
    autoplay_blocked: [
      '瀏覽器阻止了有聲自動播放',
      '點擊播放。',
      '或者在瀏覽器設定裡允許本網站播放聲音。',
    ],
  },
};
