export { PROTOCOL_VERSION, envelopeSchema, envelopePath, userSchema, appSchema } from './envelope';
export type {
  Envelope,
  EnvelopeKind,
  TicketEnvelope,
  FeedbackEnvelope,
  ReplyEnvelope,
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
export { faqFileSchema } from './faq';
export type { FaqArticle, FaqFile } from './faq';
export { TOPICS, TOPIC_ALIASES, toTopic } from './topics';
export { ticketNumber } from './ticket-number';
export type { Topic } from './topics';
