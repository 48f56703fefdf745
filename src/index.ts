// The `kefu` entry: the client, its types and errors, and the headless entries re-exported
// (tree-shaken away when unused: "sideEffects": false).
export { createKefu } from './client';
export type { Kefu, KefuConfig, ResolvedConfig, KefuUser, FaqSearcher, TicketInput, FeedbackInput, Receipt, KefuEvents, AttachmentInput } from './client';
export { KefuError, isKefuError, KEFU_ERROR_CODES } from './errors';
export type { KefuErrorCode, FieldProblem } from './errors';
export type * from './protocol';
export * from './transport';
export * from './faq';
export * from './diagnostics';
