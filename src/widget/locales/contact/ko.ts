import type { WidgetMessages } from '../types';

/** 한국어. The contact view's words. */
export const pack: Pick<WidgetMessages, 'contact'> = {
  contact: {
    title: '문의하기',
    hours: '운영 시간',
    days: '{days} {from}–{to}',
    openNow: '지금 운영 중입니다',
    closedNow: '지금은 운영 시간이 아닙니다. 문의는 운영 시간에 처리됩니다.',
    reply: '문의에는 {n}시간 이내에 답변드립니다.',
    urgent: '긴급한 문제(결제, 계정 도용)는 운영 시간 중 {n}시간 이내에 답변드립니다.',
    call: '{value}로 전화하기',
    email: '{value}로 이메일 보내기',
    ticket: '문의 남기기',
    link: '{label} 열기',
    yourTime: '시간은 사용자의 시간대({tz}) 기준입니다.',
  },
};
