import type { WidgetMessages } from '../types';

/** English. The mine view's words. */
export const pack: Pick<WidgetMessages, 'mine'> = {
  mine: {
    title: 'My tickets',
    empty: 'You have not contacted support from this device yet.',
    refreshFailed: 'Could not check for new replies; showing what was last read.',
    you: 'You',
    agent: 'Support',
    sending: 'Waiting to be sent',
    reply: 'Your reply',
    send: 'Send reply',
    sent: 'Reply sent.',
    queued: 'Reply saved: it will be sent when you are back online.',
    queuedInMemory:
      'Reply not sent yet, and not saved: this browser does not let us keep it. Keep this page open until it is sent.',
    failed: 'Could not send: {reason}',
    survey: 'How did we do?',
    rate: 'Your rating',
    comment: 'Comment (optional)',
    dismiss: 'Not now',
    thanks: 'Thank you for rating us.',
    status: {
      queued: 'Not sent yet',
      rejected: 'Not accepted',
      open: 'Open',
      pending: 'Waiting for you',
      solved: 'Solved',
      closed: 'Closed',
    },
  },
};
