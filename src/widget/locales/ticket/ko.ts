import type { WidgetMessages } from '../types';

/** 한국어. The ticket view's words. */
export const pack: Pick<WidgetMessages, 'ticket'> = {
  ticket: {
    title: '고객센터에 문의',
    category: '문의 유형',
    choose: '유형 선택',
    attachments: '스크린샷 또는 파일',
    addFiles: '파일 추가',
    removeFile: '{name} 삭제',
    diagnostics: '기기 및 재생 정보 첨부',
    diagnosticsHint: '상담원이 따로 물어볼 필요가 없어집니다. 개인 정보는 포함되지 않습니다.',
    preview: '전송되는 내용 모두 보기',
    previewEmpty: '기기 정보를 읽는 중…',
    submit: '보내기',
    fixFields: '아래 표시된 {n}곳을 고쳐 주세요.',
    draftRestored: '지난번에 입력한 내용을 불러왔습니다.',
    draftFilesUnsaved:
      '첨부 파일을 임시 저장하지 못했습니다. 닫거나 새로고침하기 전에 보내 주세요. 그렇지 않으면 다시 첨부해야 합니다.',
    select: '선택하세요…',
    sending: '보내는 중…',
    sent: '전송되었습니다. 문의 번호는 {id}입니다. 여기와 이메일로 답변드립니다.',
    queued: '이 기기에 저장했습니다. 다시 온라인이 되면 자동으로 전송됩니다.',
    queuedInMemory:
      '아직 전송되지도 저장되지도 않았습니다. 이 브라우저에서는 기기에 저장할 수 없어 이 페이지가 열려 있는 동안만 보관됩니다. 연결되는 즉시 전송되니, 전송됐다고 표시될 때까지 이 페이지를 닫지 마세요.',
    unsentText: '작성하신 내용 (이 페이지를 떠나야 한다면 먼저 복사하세요)',
    rejected: '접수되지 않았습니다: {reason}. 입력한 내용은 그대로 있습니다.',
    failed: '보내지 못했습니다: {reason}. 입력한 내용은 그대로 있습니다.',
    edit: '수정 후 다시 보내기',
    another: '도움말로 돌아가기',
    yes: '예',
  },
};
