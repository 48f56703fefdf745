import type { WidgetMessages } from '../types';

/** English. The ticket view's words. */
export const pack: Pick<WidgetMessages, 'ticket'> = {
  ticket: {
    title: 'Contact support',
    category: 'What is it about?',
    choose: 'Choose a topic',
    attachments: 'Screenshots or files',
    addFiles: 'Add files',
    removeFile: 'Remove {name}',
    diagnostics: 'Attach device and playback details',
    diagnosticsHint: 'Helps support answer without asking you. Nothing personal is included.',
    preview: 'See exactly what is sent',
    previewEmpty: 'Reading your device…',
    submit: 'Send',
    fixFields: 'Please fix {n} fields marked below.',
    draftRestored: 'We kept what you typed last time.',
    draftFilesUnsaved:
      'Your files could not be kept with the draft: send before closing or reloading, or you will need to attach them again.',
    select: 'Choose…',
    sending: 'Sending…',
    sent: 'Sent. Your ticket number is {id}. We will reply here and by email.',
    queued: 'Saved on this device. It will be sent automatically when you are back online.',
    queuedInMemory:
      'Not sent yet, and not saved: this browser does not let us keep it on this device, so it lasts only while this page is open. It is sent as soon as the connection is back; keep this page open until it says sent.',
    unsentText: 'What you wrote (copy it if you must leave this page)',
    rejected: 'Not accepted: {reason}. What you typed is kept.',
    failed: 'Could not send: {reason}. What you typed is kept.',
    edit: 'Edit and send again',
    another: 'Back to help',
    yes: 'Yes',
  },
};
