export { createTransport } from './transport';
export type { TransportOptions } from './transport';
export { createOutbox } from './outbox';
export type { Outbox, OutboxOptions, EnqueueResult } from './types';
export { kefuAdapter, webhookAdapter, customAdapter } from './adapters';
export type { Adapter, AdapterRequest, WebhookOptions, CustomAdapterOptions } from './adapters';
export { backoffDelay, parseRetryAfter, retryDelay } from '../shared/retry-timing';
export type { BackoffOptions } from '../shared/retry-timing';
export { createLeaseLocks } from './locks';
export type { LockManagerLike, LeaseLockOptions } from './locks';
export type {
  Attachment,
  StoredAttachment,
  SendableAttachment,
  Sendable,
  SentBody,
  SendOutcome,
  SendOptions,
  Transport,
  OutboxEntry,
  EntryError,
  OutboxEvent,
} from './types';
