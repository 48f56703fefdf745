import { KefuError } from '../errors';
import { createResilientStore } from '../storage';
import { parseConfig, type KefuConfig, type KefuUser, type ResolvedConfig } from './config';
import { createEmitter } from './emitter';
import type { EnvelopeContext } from './build-envelope';
import type { FeedbackInput, KefuEvents, Receipt, TicketInput } from './types';

type Runtime = typeof import('./runtime');
type Outbox = ReturnType<Runtime['startRuntime']>;

/** The kefu client: one object for search, submissions and events. */
export interface Kefu {
  /** The parsed config. */
  readonly config: Readonly<ResolvedConfig>;
  /** The locale envelopes carry. */
  readonly locale: string;
  /** Searches the FAQ index passed as `faq` (an index from `kefu/faq`). */
  search<Hit = unknown>(query: string, options?: { limit?: number; category?: string }): Hit[];
  /** Submits a ticket: `sent` after the server acknowledged it, `queued` when it will be sent later. */
  submitTicket(input: TicketInput): Promise<Receipt>;
  /** Submits feedback (a rating, a suggestion, "was this helpful?", a report). */
  submitFeedback(input: FeedbackInput): Promise<Receipt>;
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<K extends keyof KefuEvents>(type: K, listener: (event: KefuEvents[K]) => void): () => void;
  /** Sends what is waiting in the outbox now (it also does so on start, on `online` and on focus). */
  flush(): Promise<void>;
  /** Submissions waiting in the outbox or rejected by the server, oldest first. */
  pending(): Promise<Awaited<ReturnType<Outbox['entries']>>>;
  /** Drops a rejected or pending submission from the outbox. */
  discard(envelopeId: string): Promise<void>;
  /** Changes the user that later envelopes carry (after sign-in or sign-out). */
  setUser(user: KefuUser | undefined): void;
  /** Changes the locale that later envelopes carry. */
  setLocale(locale: string): void;
  /** Removes every listener and timer the client made; later calls reject with `destroyed`. */
  destroy(): void;
}

/**
 * Creates the kefu client. Throws a KefuError('invalid_config') naming the field and the fix when
 * the config is wrong. The sending code (transport, outbox) loads on the first submission, or at
 * once when the outbox holds submissions from an earlier visit.
 * @example
 * const kefu = createKefu({ endpoint: 'https://support.example.com/api', appId: 'my-video-app' });
 * await kefu.submitTicket({ category: 'playback', description: '视频一直卡顿' });
 */
/* @__NO_SIDE_EFFECTS__ */
export function createKefu(input: KefuConfig): Kefu {
  const config = parseConfig(input);
  const events = createEmitter<KefuEvents>();
  const ctx: EnvelopeContext = {
    config,
    locale: config.locale ?? ((typeof navigator !== 'undefined' && navigator.language) || 'en'),
    user: config.user,
  };
  const store =
    config.storage ??
    createResilientStore({ dbName: 'kefu-outbox', onFallback: (error) => events.emit('storage-unavailable', { error }) });
  let destroyed = false;
  let loading: Promise<[Runtime, Outbox]> | undefined;

  const runtime = (): Promise<[Runtime, Outbox]> => {
    if (destroyed) return Promise.reject(new KefuError('destroyed', 'This kefu client was destroyed; create a new one.'));
    return (loading ??= import('./runtime').then((rt) => {
      if (destroyed) throw new KefuError('destroyed', 'This kefu client was destroyed; create a new one.');
      return [rt, rt.startRuntime(config, store, events)] as [Runtime, Outbox];
    }));
  };

  // Flush on start, but load the sending code only when the outbox holds something.
  const peek = setTimeout(() => {
    store.entries().then(
      (entries) => void (entries.some(([key]) => key.startsWith('outbox:')) && !destroyed && runtime().catch(() => {})),
      () => {},
    );
  }, 0);

  const submit = async (make: (rt: Runtime) => Parameters<Outbox['enqueue']>): Promise<Receipt> => {
    const [rt, outbox] = await runtime();
    const [built, attachments] = make(rt);
    const envelope = config.beforeSend ? await config.beforeSend(built) : built;
    if (!envelope) return { id: built.id, envelopeId: built.id, status: 'dropped' };
    const result = await outbox.enqueue(envelope, attachments);
    const body = result.body as { id: string; status?: Receipt['ticketStatus'] } | undefined;
    return {
      id: body?.id ?? envelope.id,
      envelopeId: envelope.id,
      status: result.status,
      ...(body?.status ? { ticketStatus: body.status } : {}),
    };
  };

  return {
    config,
    get locale() {
      return ctx.locale;
    },
    search(query, options) {
      if (!config.faq) {
        throw new KefuError('invalid_config', "kefu.search needs an FAQ index: createKefu({ ..., faq: createFaqIndex(articles) }) with createFaqIndex from 'kefu/faq'", { field: 'faq' });
      }
      return config.faq.search(query, options) as never;
    },
    submitTicket: (ticket) =>
      submit((rt) => {
        const { envelope, attachments } = rt.buildTicket(ticket, ctx);
        return [envelope, attachments];
      }),
    submitFeedback: (feedback) => submit((rt) => [rt.buildFeedback(feedback, ctx), []]),
    on: (type, listener) => events.on(type, listener),
    flush: () => runtime().then(([, outbox]) => outbox.flush()),
    pending: () => runtime().then(([, outbox]) => outbox.entries()),
    discard: (id) => runtime().then(([, outbox]) => outbox.discard(id)),
    setUser(user) {
      ctx.user = user ? parseConfig({ ...input, user }).user : undefined;
    },
    setLocale(locale) {
      ctx.locale = parseConfig({ ...input, locale }).locale ?? ctx.locale;
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      clearTimeout(peek);
      events.clear();
      loading?.then(([, outbox]) => outbox.destroy(), () => {});
    },
  };
}
