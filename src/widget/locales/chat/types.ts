/**
 * The conversation view's words: a locale part of its own, loaded with the view, so that a user
 * who never opens live support downloads none of it. `{x}` marks a value filled in.
 */
export interface ChatMessages {
  title: string;
  botIntro: string;
  botStrong: string;
  botWeak: string;
  botNone: string;
  solved: string;
  notSolved: string;
  person: string;
  personOffer: string;
  solvedThanks: string;
  handover: string;
  label: string;
  placeholder: string;
  send: string;
  attach: string;
  removeFile: string;
  you: string;
  agent: string;
  bot: string;
  system: string;
  state: { sending: string; queued: string; sent: string; read: string; failed: string };
  typing: string;
  position: string;
  wait: string;
  waitUnknown: string;
  closedAt: string;
  closed: string;
  active: string;
  solvedStatus: string;
  closedStatus: string;
  tooLong: string;
  newMessage: string;
  failed: string;
  file: string;
  /** The satisfaction survey's question, also announced when it is asked. */
  surveyAsk: string;
  /** One star's accessible name: `{n}` of 5. */
  surveyStars: string;
  surveyComment: string;
  surveySend: string;
  surveyLater: string;
  /** Said when the user sends without picking a rating. */
  surveyPick: string;
  surveyThanks: string;
}
