import { KefuError } from '../errors';
import type { KefuConfig, KefuUser, ResolvedConfig } from './config';
import { createEmitter } from './emitter';
import { hasPendingEntries } from './has-pending';
import type { Runtime } from './runtime';
import type { FeedbackInput, KefuEvents, Receipt, TicketInput } from './types';

type Outbox = Runtime['outbox'];

/** The kefu client: one object for search, submissions and events. */
export interface Kefu {
  /** The locale envelopes carry. */
  readonly locale: string;
  /**
   * Checks the config and loads the sending code; rejects with KefuError('invalid_config') naming
   * the field and the fix. Every submission does this first; call it at start to fail fast.
   */
  ready(): Promise<Readonly<ResolvedConfig>>;
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

const destroyedError = () => new KefuError('destroyed', 'This kefu client was destroyed; create a new one.');

/**
 * Creates the kefu client. What an app pays for at start is this shell: the config is checked
 * with its zod schema when the sending code loads (on `ready()`, the first submission, or at once
 * when the outbox holds submissions from an earlier visit), and a wrong config makes those reject
 * with KefuError('invalid_config') naming the field and what to write instead.
 * @example
 * const kefu = createKefu({ endpoint: 'https://support.example.com/api', appId: 'my-video-app' });
 * await kefu.submitTicket({ category: 'playback', description: '视频一直卡顿' });
 */
/* @__NO_SIDE_EFFECTS__ */
export function createKefu(config: KefuConfig): Kefu {
  if (typeof config !== 'object' || config === null) {
    throw new KefuError('invalid_config', "createKefu needs a config object: createKefu({ endpoint: 'https://support.example.com/api', appId: 'my-app' })");
  }
  const events = createEmitter<KefuEvents>();
  let locale = config.locale ?? ((typeof navigator !== 'undefined' && navigator.language) || 'en');
  let user = config.user;
  let destroyed = false;
  let loading: Promise<Runtime> | undefined;

  const runtime = (): Promise<Runtime> => {
    if (destroyed) return Promise.reject(destroyedError());
    return (loading ??= import('./runtime').then((rt) => {
      if (destroyed) throw destroyedError();
      return rt.startRuntime(config, events);
    }));
  };

  // Flush on start, but load the sending code only when the outbox holds something.
  const peek = setTimeout(() => {
    void hasPendingEntries(config.storage).then((pending) => {
      if (pending && !destroyed) runtime().catch(() => {});
    });
  }, 0);

  const submit = async (make: (rt: Runtime, ctx: { config: ResolvedConfig; locale: string }) => Parameters<Outbox['enqueue']>): Promise<Receipt> => {
    const rt = await runtime();
    const checked = rt.check({ user, locale });
    const [built, attachments] = make(rt, { config: checked, locale: checked.locale ?? locale });
    const envelope = checked.beforeSend ? await checked.beforeSend(built) : built;
    if (!envelope) return { id: built.id, envelopeId: built.id, status: 'dropped' };
    const result = await rt.outbox.enqueue(envelope, attachments);
    const body = result.body;
    return {
      id: body?.id ?? envelope.id,
      envelopeId: envelope.id,
      status: result.status,
      ...(body?.status ? { ticketStatus: body.status } : {}),
    };
  };

  return {
    get locale() {
      return locale;
    },
    ready: () => runtime().then((rt) => rt.config),
    search(query, options) {
      if (typeof config.faq?.search !== 'function') {
        throw new KefuError('invalid_config', "kefu.search needs an FAQ index: createKefu({ ..., faq: createFaqIndex(articles) }) with createFaqIndex from 'kefu/faq'", { field: 'faq' });
      }
      return config.faq.search(query, options) as never;
    },
    submitTicket: (ticket) =>
      submit((rt, ctx) => {
        const { envelope, attachments } = rt.ticket(ticket, ctx);
        return [envelope, attachments];
      }),
    submitFeedback: (feedback) => submit((rt, ctx) => [rt.feedback(feedback, ctx), []]),
    on: (type, listener) => events.on(type, listener),
    flush: () => runtime().then((rt) => rt.outbox.flush()),
    pending: () => runtime().then((rt) => rt.outbox.entries()),
    discard: (id) => runtime().then((rt) => rt.outbox.discard(id)),
    setUser(next) {
      user = next;
    },
    setLocale(next) {
      locale = next;
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      clearTimeout(peek);
      events.clear();
      loading?.then((rt) => rt.outbox.destroy(), () => {});
    },
  };
}
