import type { WidgetMessages } from '../types';

/** English. The contact view's words. */
export const pack: Pick<WidgetMessages, 'contact'> = {
  contact: {
    title: 'Contact us',
    hours: 'Service hours',
    days: '{days}, {from}–{to}',
    openNow: 'Open now',
    closedNow: 'Closed now: tickets are answered when we open.',
    reply: 'We answer tickets within {n} h.',
    urgent: 'Urgent issues (payments, a stolen account): within {n} h during service hours.',
    call: 'Call {value}',
    email: 'Email {value}',
    ticket: 'Send a ticket',
    link: 'Open {label}',
    yourTime: 'Times are in your time zone ({tz}).',
  },
};
