import type { WidgetMessages } from '../types';

/** 简体中文. The feedback view's words. */
export const pack: Pick<WidgetMessages, 'feedback'> = {
  feedback: {
    title: '意见反馈',
    rate: '你觉得这个应用怎么样？',
    stars: '{n} 星（满分 5 星）',
    comment: '还想说点什么？（选填）',
    suggest: '提建议',
    suggestion: '你的想法',
    report: '举报这个视频',
    reason: '这个视频有什么问题？',
    send: '提交',
    sent: '谢谢，已提交。',
    queued: '已保存，联网后会自动发送。',
    queuedInMemory:
      '尚未发送，也未保存：此浏览器不允许保存在本机。请保持此页面打开，联网后会立即发送。',
    failed: '提交失败：{reason}',
    reasons: {
      spam: '垃圾广告',
      sexual: '色情低俗',
      violence: '暴力血腥',
      hate: '仇恨言论',
      harassment: '骚扰攻击',
      'minor-safety': '危害未成年人',
      misinformation: '虚假信息',
      copyright: '侵犯版权',
      privacy: '侵犯隐私',
      other: '其他',
    },
  },
};
