import type { WidgetMessages } from '../types';

/** 简体中文. The check view's words. */
export const pack: Pick<WidgetMessages, 'check' | 'findings'> = {
  check: {
    title: '播放自检',
    intro: '一键检查网络、设备和播放器，告诉你该怎么做。',
    run: '开始检查',
    running: '正在检查…',
    fine: '没有发现你这边的问题。如果仍然无法播放，请告诉我们。',
    ours: '看起来是我们的问题，不是你的。',
    report: '附上检查结果报告问题',
    answer: '查看帮助',
    fix: '建议',
    again: '重新检查',
  },
  findings: {
    offline: ['网络已断开', '请连接 Wi-Fi 或移动数据后重试。'],
    network_too_slow: ['网速跟不上当前清晰度', '请切换到更好的网络，或把清晰度调低（例如 720P）。'],
    high_latency: ['网络响应很慢', '请靠近路由器、重启路由器，或切换网络。'],
    data_saver: ['省流量模式已开启', '为本应用关闭省流量模式即可观看高清。'],
    cdn_fault: [
      '我们的视频服务器响应慢或出错',
      '你无需做任何操作：请报告问题，我们会检查该服务器。',
    ],
    device_struggles: ['设备播放这个视频很吃力', '请关闭其他应用，或调低清晰度。'],
    decode_error: ['视频解码失败', '请更新应用或浏览器；如果反复出现，请报告问题。'],
    unsupported_media: ['设备不支持这种视频格式', '请更新应用或浏览器，或换一台设备。'],
    outdated_software: ['应用或浏览器版本过旧', '请更新到最新版本。'],
    autoplay_blocked: ['浏览器阻止了有声自动播放', '请点击播放，或允许本网站播放声音。'],
  },
};
