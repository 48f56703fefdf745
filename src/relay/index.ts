export { createRelay } from './relay';
export { checkStoreReady } from './health';
export type { Relay } from './relay';
export type { RelayOptions, RelayForward, RelayLogEntry } from './options';
export type { FaqArticle, FaqFile } from '../protocol';
/** The short ticket number a user was shown (`K-7Q4M2`), from the envelope id. */
export { ticketNumber } from '../protocol/ticket-number';
export { createMemoryRelayStore } from './memory-store';
export {
  createAuthorship,
  hashTicketSecret,
  withoutUserToken,
  TICKET_SECRET_HEADER,
  USER_TOKEN_HEADER,
} from './authorship';
export type { Authorship, TicketAuthor } from './authorship';
export { createIdentityVerifier, signIdentityToken } from './identity';
export type { IdentityOptions, IdentityKey, IdentityVerifier } from './identity';
export type {
  RelayStore,
  StoredSubmission,
  InsertResult,
  TicketRecord,
  AttachmentInput,
  AttachmentStream,
  StagedAttachment,
  EventCount,
} from './store';
export {
  openAttachment,
  stageAttachment,
  discardAttachments,
  isStaged,
  MAX_EVENT_SUBJECTS,
  eventSubject,
} from './store';
export type {
  ForwardQueue,
  ForwardClaim,
  ForwardOutcome,
  ForwardStatus,
  ForwardState,
} from './forward-queue';
export { FORWARD_RETENTION_MS } from './forward-queue';
export { RelayError, isRelayError, RELAY_ERROR_CODES } from './relay-error';
export type { RelayErrorCode } from './relay-error';
export { DEFAULT_ATTACHMENT_TYPES } from './check-attachments';
export { forwardedClientKey } from './rate-limit';
export { addressBucket, trustedProxies, type TrustProxy } from './client-address';
export type { EventBudgetOptions } from './event-budget';
export {
  createMemoryLearningStore,
  learningReport,
  normalizeQuery,
  DEFAULT_LEARNING_LIMITS,
} from './learning';
export type {
  AcceptedQuestion,
  AcceptOutcome,
  ContactedQuery,
  LearningCounter,
  LearningIncrement,
  LearningLimits,
  LearningReport,
  LearningReportOptions,
  LearningRow,
  LearningStore,
  ProposedQuestion,
  UnansweredQuery,
} from './learning';
export { jitteredRetryAfter, DEFAULT_RETRY_AFTER } from './unavailable';
export type { RetryAfterRange } from './unavailable';
export type { RateLimitOptions, RateLimiter } from './rate-limit';
export {
  createPostgresRelayStore,
  createPostgresLearningStore,
  createPostgresRateLimiter,
  migratePostgres,
  streamAttachment,
  PG_SCHEMA_VERSION,
} from './postgres';
export type {
  PostgresRelayStoreOptions,
  PostgresRateLimiterOptions,
  PgPoolLike,
  PgClientLike,
  PgResult,
} from './postgres';
export type { AllowedOrigins } from './cors';
export { createForwarder } from './forwarder';
export type { Forwarder, ForwarderOptions } from './forwarder';
export { createTicketSync } from './ticket-sync';
export { createLogPruner, DEFAULT_LOG_RETENTION_DAYS } from './log-pruner';
export type { LogPruner, LogPrunerOptions, LogPruneRun } from './log-pruner';
export type { TicketSync, TicketSyncOptions } from './ticket-sync';
export * from './connectors';
export type {
  ConversationStore,
  ConversationRecord,
  InboxEntry,
  AgentPresence,
  EventScope,
  EventQuery,
  LogEntry,
  AgentMessageInput,
  PruneLogInput,
  PruneLogResult,
  PrunedSince,
} from './conversation-store';
export {
  openConversation,
  addUserMessage,
  addAgentMessage,
  changeStatus,
  markConversationRead,
  typingIn,
  surveyIn,
  closeIntoTicket,
  ticketReplyEvents,
  ticketStatusEvents,
  userMessageOf,
  MAX_CONVERSATION_MESSAGES,
} from './conversation-logic';
export type { ConversationChange } from './conversation-logic';
export {
  conversationEntry,
  ticketEntry,
  inboxOrder,
  ticketFrom,
  conversationTitle,
  ticketTitle,
  unreadAfter,
} from './inbox-entry';
export { MAX_EVENTS_PER_READ } from './memory-log';
export { MAX_RESET_THREADS, planPrune, pruneCandidate, prunedFrom } from './log-retention';
export type { PruneCandidate, PrunedThread, PrunePlan, PruneRow } from './log-retention';
export type { NewEvent } from './memory-log';
export { createServiceHours, WEEKDAYS } from './service-hours';
export type { ServiceHours, Weekday, OpenState } from './service-hours';
export { queueStateOf } from './queue-state';
export type { QueueSettings } from './queue-state';
export type { StreamOptions } from './options';
export { STREAM_PROOFS_HEADER, MAX_STREAM_PROOFS } from './stream-proofs';
export { TYPING_MS, TYPING_EVERY_MS, createTypingThrottle } from './typing-throttle';
export type { TypingThrottle } from './typing-throttle';
export { MAX_POLL_WAIT_SECONDS } from './handle-stream';
export { HOOK_WINDOW_SECONDS, MAX_HOOK_BYTES } from './hooks';
export type { HookScheme, InboundHook } from './hooks';
export { syncTicket } from './ticket-sync';
