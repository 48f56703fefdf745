import type { CoreMessages, PartLoaders } from './types';

/** 한국어. */
export const ko: CoreMessages = {
  locale: 'ko',
  dir: 'ltr',
  title: '도움말 및 의견',
  close: '닫기',
  back: '뒤로',
  loading: '불러오는 중…',
  loadFailed: '불러오지 못했습니다. 연결을 확인한 뒤 다시 시도해 주세요.',
  retry: '다시 시도',
  offline: {
    title: '오프라인 상태입니다',
    saved: '이 기기에 저장된 도움말을 아래에 보여 드립니다.',
    none: '도움말을 보려면 인터넷 연결이 필요합니다.',
    ticket: '지금도 고객센터에 문의할 수 있습니다. 다시 연결되면 자동으로 전송됩니다.',
  },
  search: {
    label: '도움말 검색',
    placeholder: '예: 버퍼링, 자동 갱신, 캐스트',
    voice: '음성으로 검색',
    listening: '듣고 있습니다… 질문을 말씀해 주세요',
    results: '문서 {n}개',
    none: '‘{q}’에 대한 확실한 답을 찾지 못했습니다.',
    noneHint: '다른 단어로 검색하거나 고객센터에 물어보세요. 질문이 함께 전달됩니다.',
    popular: '많이 본 도움말',
    suggested: '이 페이지 관련 도움말',
    weak: '관련 있을 수 있는 문서',
    weakHint: '‘{q}’에 확실히 답하는 문서는 없습니다.',
    weakSaid: '확실한 답이 없습니다. 관련 있을 수 있는 문서: {n}개.',
    ask: '‘{q}’에 대해 고객센터에 문의하기',
    categories: '주제',
    all: '전체',
  },
  onward: {
    heading: '해결되지 않았나요?',
    ticket: '고객센터에 문의',
    check: '재생 점검',
    feedback: '의견 보내기',
    mine: '내 문의 내역',
    contact: '다른 연락 방법',
    chat: '채팅 상담',
  },
  article: {
    helpful: '이 문서가 도움이 되었나요?',
    yes: '예',
    no: '아니요',
    thanks: '의견을 주셔서 감사합니다.',
    stillNeedHelp: '아직 도움이 필요하신가요? 고객센터에 문의',
    notFound: '더 이상 볼 수 없는 문서입니다.',
    video: '동영상 안내',
  },
  categories: {
    account: '계정 및 로그인',
    payment: '멤버십 및 결제',
    playback: '재생',
    download: '다운로드 및 캐스트',
    copyright: '콘텐츠 및 저작권',
    creator: '크리에이터',
    report: '신고',
    suggestion: '제안',
  },
};

/** Where the words of the other views are, loaded when a view first opens. */
export const parts: PartLoaders = {
  check: () => import('./check/ko'),
  feedback: () => import('./feedback/ko'),
  ticket: () => import('./ticket/ko'),
  mine: () => import('./mine/ko'),
  contact: () => import('./contact/ko'),
  chat: () => import('./chat/ko'),
};
