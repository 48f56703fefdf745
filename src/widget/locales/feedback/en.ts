import type { WidgetMessages } from '../types';

/** English. The feedback view's words. */
export const pack: Pick<WidgetMessages, 'feedback'> = {
  feedback: {
    title: 'Feedback',
    rate: 'How do you like the app?',
    stars: '{n} of 5',
    comment: 'Anything to add? (optional)',
    suggest: 'Suggest an improvement',
    suggestion: 'Your idea',
    report: 'Report this video',
    reason: 'What is wrong with it?',
    send: 'Send',
    sent: 'Thank you: sent.',
    queued: 'Saved: it will be sent when you are back online.',
    queuedInMemory:
      'Not sent yet, and not saved: this browser does not let us keep it on this device. Keep this page open: it is sent as soon as the connection is back.',
    failed: 'Could not send: {reason}',
    reasons: {
      spam: 'Spam or ads',
      sexual: 'Sexual content',
      violence: 'Violence',
      hate: 'Hate speech',
      harassment: 'Harassment',
      'minor-safety': 'Endangers minors',
      misinformation: 'Misinformation',
      copyright: 'Copyright infringement',
      privacy: 'Privacy violation',
      other: 'Something else',
    },
  },
};
