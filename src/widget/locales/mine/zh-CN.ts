import type { WidgetMessages } from '../types';

/** 简体中文. The mine view's words. */
export const pack: Pick<WidgetMessages, 'mine'> = {
  mine: {
    title: '我的工单',
    empty: '你还没有在这台设备上联系过客服。',
    refreshFailed: '暂时无法获取新回复，显示的是上次的内容。',
    you: '我',
    agent: '客服',
    sending: '等待发送',
    reply: '回复内容',
    send: '发送回复',
    sent: '回复已发送。',
    queued: '回复已保存，联网后会自动发送。',
    queuedInMemory: '回复尚未发送，也未保存：此浏览器不允许保存。请在发送完成前保持此页面打开。',
    failed: '发送失败：{reason}',
    survey: '请为这次服务评分',
    rate: '评分',
    comment: '评价（选填）',
    dismiss: '以后再说',
    thanks: '感谢你的评价。',
    status: {
      queued: '尚未发送',
      rejected: '未被受理',
      open: '处理中',
      pending: '等待你回复',
      solved: '已解决',
      closed: '已关闭',
    },
  },
};
