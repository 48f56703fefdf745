import type { WidgetMessages } from '../types';

/** 简体中文. The ticket view's words. */
export const pack: Pick<WidgetMessages, 'ticket'> = {
  ticket: {
    title: '联系客服',
    category: '问题类型',
    choose: '选择问题类型',
    attachments: '截图或文件',
    addFiles: '添加文件',
    removeFile: '移除 {name}',
    diagnostics: '附上设备与播放信息',
    diagnosticsHint: '客服无需再向你询问这些信息。不包含个人隐私。',
    preview: '查看将要发送的全部内容',
    previewEmpty: '正在读取设备信息…',
    submit: '提交',
    fixFields: '有 {n} 处需要修改，请查看下方标注。',
    draftRestored: '已恢复你上次填写的内容。',
    draftFilesUnsaved: '附件没能存进草稿：请在关闭或刷新前提交，否则需要重新添加附件。',
    select: '请选择…',
    sending: '正在提交…',
    sent: '已提交，工单号 {id}。客服会在这里和邮件中回复你。',
    queued: '已保存在本机，联网后会自动发送。',
    queuedInMemory:
      '尚未发送，也未保存：此浏览器不允许保存在本机，只在此页面打开期间保留。联网后会立即发送，请在显示已发送之前不要关闭此页面。',
    unsentText: '你填写的内容（如必须离开此页面，请先复制）',
    rejected: '未被受理：{reason}。你填写的内容已保留。',
    failed: '提交失败：{reason}。你填写的内容已保留。',
    edit: '修改后重新提交',
    another: '返回帮助首页',
    yes: '是',
  },
};
