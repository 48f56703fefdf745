export { createKefu } from './create-kefu';
export type { Kefu, DiagnosticsLine, InvalidInputError } from './kefu';
export type { KefuConfig, ResolvedConfig, KefuUser, FaqSearcher } from './config';
export type {
  TicketInput,
  FeedbackInput,
  Receipt,
  KefuEvents,
  AttachmentInput,
  WatchSource,
  Misconfiguration,
  MisconfigurationReason,
} from './types';
