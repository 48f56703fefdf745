import type { WidgetMessages } from '../types';

/** 한국어. The feedback view's words. */
export const pack: Pick<WidgetMessages, 'feedback'> = {
  feedback: {
    title: '의견 보내기',
    rate: '앱이 마음에 드시나요?',
    stars: '5점 만점에 {n}점',
    comment: '더 하실 말씀이 있나요? (선택)',
    suggest: '개선 제안',
    suggestion: '아이디어',
    report: '이 영상 신고',
    reason: '이 영상의 어떤 점이 문제인가요?',
    send: '보내기',
    sent: '감사합니다. 전송되었습니다.',
    queued: '저장했습니다. 다시 온라인이 되면 전송됩니다.',
    queuedInMemory:
      '아직 전송되지도 저장되지도 않았습니다. 이 브라우저에서는 기기에 저장할 수 없습니다. 연결되는 즉시 전송되니 이 페이지를 열어 두세요.',
    failed: '보내지 못했습니다: {reason}',
    reasons: {
      spam: '스팸 또는 광고',
      sexual: '선정적인 콘텐츠',
      violence: '폭력적인 콘텐츠',
      hate: '혐오 발언',
      harassment: '괴롭힘',
      'minor-safety': '미성년자 위험',
      misinformation: '허위 정보',
      copyright: '저작권 침해',
      privacy: '개인정보 침해',
      other: '기타',
    },
  },
};
