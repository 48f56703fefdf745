export { PROTOCOL_VERSION, envelopeSchema, envelopePath, userSchema, appSchema } from './envelope';
export type {
  Envelope,
  EnvelopeKind,
  TicketEnvelope,
  FeedbackEnvelope,
  ReplyEnvelope,
  MessageEnvelope,
} from './envelope';
export {
  ticketPayloadSchema,
  feedbackPayloadSchema,
  replyPayloadSchema,
  attachmentMetaSchema,
  watchContextSchema,
  fieldValueSchema,
  FEEDBACK_TYPES,
} from './payloads';
export type {
  TicketPayload,
  FeedbackPayload,
  ReplyPayload,
  AttachmentMeta,
  WatchContext,
  FieldValue,
  FeedbackType,
} from './payloads';
export {
  ticketStatusSchema,
  ticketCreatedSchema,
  createdSchema,
  ticketStateSchema,
  ticketReplySchema,
  errorBodySchema,
  eventsBatchSchema,
} from './responses';
export type {
  TicketStatus,
  TicketCreated,
  Created,
  TicketState,
  TicketReply,
  ErrorBody,
  EventsBatch,
  ProductEvent,
} from './responses';
export { responseSchemaFor } from './response-for';
export { faqArticleSchema, faqFileSchema } from './faq';
export type { FaqArticle, FaqFile } from './faq';
export { TOPICS, TOPIC_ALIASES, toTopic } from './topics';
export { ticketNumber } from './ticket-number';
export { markAdvances } from './read-mark';
export { EVENT_ID_PATTERN, isEventId, eventAfter } from './event-id';
export type { Topic } from './topics';
export {
  MAX_MESSAGE_CHARS,
  MAX_TRANSCRIPT_ENTRIES,
  MAX_MESSAGE_ATTACHMENTS,
  eventIdSchema,
  conversationStatusSchema,
  queueStateSchema,
  transcriptEntrySchema,
  handoverSchema,
  conversationWatchSchema,
  messagePayloadSchema,
  conversationCreatedSchema,
  messageAcceptedSchema,
  messageFromSchema,
  logMessageSchema,
  streamEventSchema,
  pollAnswerSchema,
  streamResetSchema,
  streamTokenSchema,
  readMarkSchema,
  typingSignalSchema,
  conversationStateSchema,
} from './conversations';
export type {
  ConversationStatus,
  QueueState,
  TranscriptEntry,
  Handover,
  MessagePayload,
  ConversationCreated,
  MessageAccepted,
  LogMessage,
  MessageFrom,
  StreamEvent,
  StreamEventType,
  PollAnswer,
  StreamReset,
  StreamToken,
  ReadMark,
  TypingSignal,
  ConversationState,
} from './conversations';
