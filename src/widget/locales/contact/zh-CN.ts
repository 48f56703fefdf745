import type { WidgetMessages } from '../types';

/** 简体中文. The contact view's words. */
export const pack: Pick<WidgetMessages, 'contact'> = {
  contact: {
    title: '联系我们',
    hours: '服务时间',
    days: '{days} {from}–{to}',
    openNow: '现在在服务时间内',
    closedNow: '现在不在服务时间：工单会在上班后处理。',
    reply: '工单一般在 {n} 小时内回复。',
    urgent: '紧急问题（支付、账号被盗）在服务时间内 {n} 小时内回复。',
    call: '拨打 {value}',
    email: '发邮件至 {value}',
    ticket: '提交工单',
    link: '打开{label}',
    yourTime: '以上为你所在时区的时间（{tz}）。',
  },
};
