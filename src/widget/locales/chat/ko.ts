import type { ChatMessages } from './types';

/** 한국어. */
export const ko: ChatMessages = {
  title: '실시간 상담',
  botIntro:
    '안녕하세요! 질문하시면 도움말에서 바로 답을 찾아 드려요. 상담원 연결도 언제든 가능해요.',
  botStrong: '이 글이 답이 될 거예요:',
  botWeak: '이 글들이 도움이 될 수 있어요:',
  botNone: '죄송해요, 답을 찾지 못했어요.',
  solved: '해결됐어요',
  notSolved: '도움이 안 됐어요',
  person: '상담원 연결',
  personOffer: '상담원을 연결해 드릴까요?',
  solvedThanks: '도움이 되어 기뻐요!',
  handover: '도우미와의 대화도 함께 전달되어 다시 설명하지 않아도 돼요.',
  label: '메시지',
  placeholder: '메시지를 입력하세요…',
  send: '보내기',
  attach: '파일 첨부',
  removeFile: '{name} 삭제',
  you: '나',
  agent: '상담원',
  bot: '도우미',
  system: '알림',
  state: {
    sending: '보내는 중…',
    queued: '연결 대기 중',
    sent: '보냄',
    read: '읽음',
    failed: '보내지 못함',
  },
  typing: '{name} 입력 중…',
  position: '대기 순서: {n}번째',
  wait: '약 {m}분 안에 답변 예정이에요.',
  waitUnknown: '상담원이 비는 대로 바로 답변드릴게요.',
  closedAt:
    '지금은 상담 시간이 아니에요. 메시지를 남기시면 {time}부터 답변드리고, 답변이 오면 배지로 알려 드려요.',
  closed: '지금은 상담 시간이 아니에요. 메시지를 남기시면 상담 재개 후 답변드려요.',
  active: '{name} 상담원이 상담 중이에요.',
  solvedStatus: '해결됨으로 표시됐어요. 언제든 다시 메시지를 보내세요.',
  closedStatus: '종료된 상담이에요.',
  tooLong: '최대 {max}자까지 가능해요 (현재 {n}자).',
  newMessage: '{name}의 새 메시지: {body}',
  failed: '보내지 못함: {reason}',
  file: '파일: {name}',
  surveyAsk: '이번 상담은 어떠셨나요?',
  surveyStars: '별 5개 중 {n}개',
  surveyComment: '더 하실 말씀이 있나요? (선택)',
  surveySend: '평가 보내기',
  surveyLater: '나중에',
  surveyPick: '먼저 1~5점 중 평점을 골라 주세요.',
  surveyThanks: '평가해 주셔서 감사합니다!',
};

/** The part the panel loads with the chat view. */
export const pack = { chat: ko };
