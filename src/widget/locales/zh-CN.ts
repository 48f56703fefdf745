import type { CoreMessages, PartLoaders } from './types';

/** 简体中文. */
export const zhCN: CoreMessages = {
  locale: 'zh-CN',
  dir: 'ltr',
  title: '帮助与反馈',
  close: '关闭',
  back: '返回',
  loading: '加载中…',
  loadFailed: '加载失败，请检查网络后重试。',
  retry: '重试',
  offline: {
    title: '当前没有网络',
    saved: '下面是本机保存的帮助文章。',
    none: '帮助文章需要联网才能查看。',
    ticket: '你仍可联系客服：留言会在恢复联网后自动发送。',
  },
  search: {
    label: '搜索帮助文章',
    placeholder: '例如：卡顿、自动续费、投屏',
    voice: '语音搜索',
    listening: '正在听，请说出你的问题…',
    results: '找到 {n} 条答案',
    none: '没有找到能回答“{q}”的文章。',
    noneHint: '换个说法试试，或直接问客服，你的问题会一并带上。',
    popular: '大家都在看',
    suggested: '与当前页面相关',
    weak: '可能相关',
    weakHint: '以下文章都不能明确回答“{q}”。',
    weakSaid: '没有明确答案，有 {n} 篇可能相关的文章。',
    ask: '就“{q}”咨询客服',
    categories: '问题分类',
    all: '全部',
  },
  onward: {
    heading: '还没解决？',
    ticket: '联系客服',
    check: '播放自检',
    feedback: '意见反馈',
    mine: '我的工单',
    contact: '其他联系方式',
    chat: '在线客服',
  },
  article: {
    helpful: '这篇文章有帮助吗？',
    yes: '有帮助',
    no: '没帮助',
    thanks: '感谢你的反馈。',
    stillNeedHelp: '仍需帮助？联系客服',
    notFound: '这篇文章已不存在。',
    video: '视频教程',
  },
  categories: {
    account: '账号与登录',
    payment: '会员与支付',
    playback: '播放问题',
    download: '下载与投屏',
    copyright: '内容与版权',
    creator: '创作者',
    report: '举报',
    suggestion: '功能建议',
  },
};

/** Where the words of the other views are, loaded when a view first opens. */
export const parts: PartLoaders = {
  check: () => import('./check/zh-CN'),
  feedback: () => import('./feedback/zh-CN'),
  ticket: () => import('./ticket/zh-CN'),
  mine: () => import('./mine/zh-CN'),
  contact: () => import('./contact/zh-CN'),
  chat: () => import('./chat/zh-CN'),
};
