import type { WidgetMessages } from '../types';

/** 한국어. The mine view's words. */
export const pack: Pick<WidgetMessages, 'mine'> = {
  mine: {
    title: '내 문의 내역',
    empty: '이 기기에서 문의한 내역이 아직 없습니다.',
    refreshFailed: '새 답변을 확인하지 못했습니다. 마지막으로 불러온 내용을 보여 드립니다.',
    you: '나',
    agent: '상담원',
    sending: '전송 대기 중',
    reply: '답장 내용',
    send: '답장 보내기',
    sent: '답장을 보냈습니다.',
    queued: '답장을 저장했습니다. 다시 온라인이 되면 전송됩니다.',
    queuedInMemory:
      '답장이 아직 전송되지도 저장되지도 않았습니다. 이 브라우저에서는 저장할 수 없으니 전송될 때까지 이 페이지를 열어 두세요.',
    failed: '보내지 못했습니다: {reason}',
    survey: '이번 상담은 어떠셨나요?',
    rate: '평점',
    comment: '의견 (선택)',
    dismiss: '나중에',
    thanks: '평가해 주셔서 감사합니다.',
    status: {
      queued: '아직 전송 안 됨',
      rejected: '접수 불가',
      open: '처리 중',
      pending: '답변 대기 중',
      solved: '해결됨',
      closed: '종료됨',
    },
  },
};
