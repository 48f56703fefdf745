import type { ChatMessages } from './types';

/** English. */
export const en: ChatMessages = {
  title: 'Live chat',
  botIntro:
    'Hi! Ask me anything: I answer from our help articles at once. A person is one tap away.',
  botStrong: 'This should answer it:',
  botWeak: 'These might help:',
  botNone: "Sorry, I couldn't find an answer to that.",
  solved: 'This solved it',
  notSolved: "That didn't help",
  person: 'Talk to a person',
  personOffer: 'Shall I get a person for you?',
  solvedThanks: 'Glad that helped!',
  handover: "Your chat with the assistant goes along, so you won't have to repeat yourself.",
  label: 'Message',
  placeholder: 'Type your message…',
  send: 'Send',
  attach: 'Attach a file',
  removeFile: 'Remove {name}',
  you: 'You',
  agent: 'Support',
  bot: 'Assistant',
  system: 'Notice',
  state: {
    sending: 'Sending…',
    queued: 'Waiting for a connection',
    sent: 'Sent',
    read: 'Read',
    failed: 'Not sent',
  },
  typing: '{name} is typing…',
  position: 'You are number {n} in line.',
  wait: 'Expected reply in about {m} min.',
  waitUnknown: 'A person will answer as soon as one is free.',
  closedAt:
    "We're closed now. Leave a message: we'll answer from {time}, and you'll see a badge when we do.",
  closed: "We're closed now. Leave a message: we'll answer when we're back.",
  active: "You're chatting with {name}.",
  solvedStatus: 'Marked as solved. Write again any time.',
  closedStatus: 'This conversation is closed.',
  tooLong: 'At most {max} characters ({n} now).',
  newMessage: 'New message from {name}: {body}',
  failed: 'Not sent: {reason}',
  file: 'File: {name}',
  surveyAsk: 'How was this chat?',
  surveyStars: '{n} of 5 stars',
  surveyComment: 'Anything to add? (optional)',
  surveySend: 'Send rating',
  surveyLater: 'Not now',
  surveyPick: 'Pick a rating from 1 to 5 first.',
  surveyThanks: 'Thanks for your rating!',
};

/** The part the panel loads with the chat view. */
export const pack = { chat: en };
