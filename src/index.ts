// The `kefu` entry: the client, its types and errors, and the headless entries re-exported
// (tree-shaken away when unused: "sideEffects": false).
export { createKefu } from './client';
export type {
  Kefu,
  DiagnosticsLine,
  InvalidInputError,
  WatchSource,
  KefuConfig,
  ResolvedConfig,
  KefuUser,
  FaqSearcher,
  TicketInput,
  FeedbackInput,
  Receipt,
  KefuEvents,
  AttachmentInput,
  Misconfiguration,
  MisconfigurationReason,
} from './client';
export { KefuError, isKefuError, KEFU_ERROR_CODES } from './errors';
export type { KefuErrorCode, FieldProblem } from './errors';
// The wire types, listed one by one: `export type *` became value exports in the bundled .d.ts,
// declaring schemas and constants that `kefu` does not export at runtime.
export type {
  Envelope,
  EnvelopeKind,
  TicketEnvelope,
  FeedbackEnvelope,
  ReplyEnvelope,
  TicketPayload,
  FeedbackPayload,
  ReplyPayload,
  AttachmentMeta,
  WatchContext,
  FieldValue,
  FeedbackType,
  TicketStatus,
  TicketCreated,
  Created,
  TicketState,
  TicketReply,
  ErrorBody,
  EventsBatch,
  ProductEvent,
} from './protocol';
// The short ticket number people say and search (`K-7Q4M2`), the same in the widget and console.
export { ticketNumber } from './protocol/ticket-number';
export * from './transport';
export * from './faq';
export * from './diagnostics';
// Message tables are loaded on demand, one chunk per locale, so an app downloads only its own;
// an app adds a locale by passing its own table (type Messages) as `messages`.
export type { Messages, ProblemCode } from './tickets/messages/types';
export type { CategorySpec } from './tickets/categories';
export type { FieldSpec, FieldType } from './tickets/fields';
export type { FormDescription, FormField, TicketDraft } from './tickets/form';
export type { TicketRecord } from './tickets/history';
export type { AttachmentLimits } from './tickets/attachments';
export type { UploadProgress } from './tickets/progress-fetch';
