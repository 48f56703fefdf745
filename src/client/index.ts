export { createKefu } from './create-kefu';
export type { Kefu } from './create-kefu';
export type { KefuConfig, ResolvedConfig, KefuUser, FaqSearcher } from './config';
export type { TicketInput, FeedbackInput, Receipt, KefuEvents, AttachmentInput } from './types';
