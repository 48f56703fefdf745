import type { CoreMessages, PartLoaders } from './types';

/** English. */
export const en: CoreMessages = {
  locale: 'en',
  dir: 'ltr',
  title: 'Help & feedback',
  close: 'Close',
  back: 'Back',
  loading: 'Loading…',
  loadFailed: 'Could not load this. Check your connection and try again.',
  retry: 'Try again',
  offline: {
    title: 'You are offline',
    saved: 'Help articles saved on this device are shown below.',
    none: 'Help articles need a connection.',
    ticket:
      'You can still contact support: your message is sent automatically when you are back online.',
  },
  search: {
    label: 'Search help articles',
    placeholder: 'e.g. buffering, auto-renewal, casting',
    voice: 'Search by voice',
    listening: 'Listening… say your question',
    results: 'Matching articles: {n}',
    none: 'No good answer for “{q}”.',
    noneHint: 'Try other words, or ask support: your question goes with it.',
    popular: 'Most read',
    suggested: 'For this page',
    weak: 'Possibly related',
    weakHint: 'None of these clearly answers “{q}”.',
    weakSaid: 'No clear answer. Possibly related articles: {n}.',
    ask: 'Ask support about “{q}”',
    categories: 'Topics',
    all: 'All',
  },
  onward: {
    heading: 'Still stuck?',
    ticket: 'Contact support',
    check: 'Check my playback',
    feedback: 'Give feedback',
    mine: 'My tickets',
    contact: 'Other ways to reach us',
    chat: 'Chat with us',
  },
  article: {
    helpful: 'Was this helpful?',
    yes: 'Yes',
    no: 'No',
    thanks: 'Thanks for telling us.',
    stillNeedHelp: 'Still need help? Contact support',
    notFound: 'This article is no longer available.',
    video: 'Video tutorial',
  },
  categories: {
    account: 'Account & login',
    payment: 'Membership & payment',
    playback: 'Playback',
    download: 'Downloads & casting',
    copyright: 'Content & copyright',
    creator: 'Creators',
    report: 'Reports',
    suggestion: 'Suggestions',
  },
};

/** Where the words of the other views are, loaded when a view first opens. */
export const parts: PartLoaders = {
  check: () => import('./check/en'),
  feedback: () => import('./feedback/en'),
  ticket: () => import('./ticket/en'),
  mine: () => import('./mine/en'),
  contact: () => import('./contact/en'),
  chat: () => import('./chat/en'),
};
