import type { FieldProblem } from '../errors';
import { createEventBatcher, type EventBatcher } from '../feedback/events';
import { createResilientStore, type KeyValueStore } from '../storage';
import {
  createDraftStore,
  describeForm,
  validateDraft,
  type FormDescription,
  type TicketDraft,
  createProgressFetch,
  loadMessages,
  DEFAULT_CATEGORIES,
  type DraftStore,
  type FormOptions,
  type Messages,
} from '../tickets';
import { createOutbox, createTransport, type Outbox } from '../transport';
import { buildFeedback, buildReply, buildTicket } from './build-envelope';
import { parseConfig, type KefuConfig, type ResolvedConfig } from './config';
import type { Emitter } from './emitter';
import { createFollowUp, type FollowUp } from './follow-up';
import { type CallContext, METHODS } from './methods';
import { watchMisconfiguration } from './misconfiguration';
import { createSubmissions, type Submissions } from './submissions';
import type { KefuEvents } from './types';
import type { ConversationClient } from './conversations';
import { liveKey } from './live-flag';

/** The sending side of a client, made once its config has been checked. */
export interface Runtime extends Submissions {
  config: ResolvedConfig;
  outbox: Outbox;
  drafts: DraftStore;
  followUp: FollowUp;
  events: EventBatcher;
  /** The message table of a locale (the app's own, else the built-in one, loaded on demand). */
  messages(locale: string): Promise<Messages>;
  /** What the form functions need, for this locale and user. */
  formOptions(ctx: { config: ResolvedConfig; locale: string }): Promise<FormOptions>;
  /** Every category's form in the context's locale. */
  forms(ctx: { config: ResolvedConfig; locale: string }): Promise<FormDescription[]>;
  /** A draft's problems in the context's locale. */
  validate(
    draft: TicketDraft,
    ctx: { config: ResolvedConfig; locale: string },
  ): Promise<FieldProblem[]>;
  /**
   * Calls a method of the user's conversation client (its code loaded on first use), with the
   * call's context first; a new user gets a client of their own, the previous one stops.
   */
  live(
    ctx: { config: ResolvedConfig; locale: string },
    method: string,
    args: unknown[],
  ): Promise<unknown>;
  /** Runs one of the client's methods by name, with the call's context (src/client/methods.ts). */
  call(name: string, ctx: CallContext, args: unknown[]): unknown;
  /** Checks the config again with the user and locale set since (setUser, setLocale). */
  check(overrides: Pick<KefuConfig, 'user' | 'locale'>): Promise<ResolvedConfig>;
  destroy(): void;
}

export { buildFeedback, buildReply, buildTicket };

/**
 * The part of the client that checks and sends: the config schema, transport, outbox, payload
 * schemas (src/shared/schema.ts), forms, drafts, history and events. It is loaded on first use (a
 * submission, `ready()`, or pending entries found at start), so an app pays nothing for it at
 * start. Rejects with KefuError('invalid_config').
 */
export async function startRuntime(
  input: KefuConfig,
  events: Emitter<KefuEvents>,
): Promise<Runtime> {
  const config = await parseConfig(input);
  const transport = createTransport({
    endpoint: config.endpoint,
    adapter: config.adapter,
    // Multipart uploads go through XHR for progress events; an app's own fetch is used as it is.
    fetch:
      config.fetch ??
      createProgressFetch(
        () => fetch,
        (progress) => events.emit('upload-progress', progress),
      ),
    timeoutMs: config.timeoutMs,
    headers: config.auth,
  });
  // Said once per client, also in the console: a wrong setup must not look like being offline.
  // Only for the kefu wire protocol: another back end's adapter has no `GET {endpoint}/faq`.
  const misconfiguration = config.adapter
    ? undefined
    : watchMisconfiguration({
        endpoint: config.endpoint,
        fetch: (...args) => (config.fetch ?? fetch)(...args),
        report: (found) => {
          events.emit('misconfigured', found);
          console.warn(`[kefu] ${found.message}`);
        },
      });
  const outbox = createOutbox({
    transport,
    store: config.storage,
    maxEntries: config.outbox?.maxEntries,
    maxBytes: config.outbox?.maxBytes,
    onEvent: (event) => {
      const { type, ...rest } = event;
      events.emit(type, rest as never);
      misconfiguration?.observe(event);
    },
  });
  // Drafts and "my tickets" live beside the outbox, in their own database by default, so that
  // the outbox's start-up check ("anything pending?") never counts them.
  const store: KeyValueStore = config.storage ?? createResilientStore({ dbName: 'kefu-data' });
  // A draft keeps no more files than a ticket may send; files refused by storage are reported.
  const drafts = createDraftStore(store, undefined, {
    limits: config.attachments,
    onError: (error) => events.emit('storage-unavailable', { error }),
  });
  const followUp = createFollowUp(config, store, events);
  const base = config.endpoint.replace(/\/+$/, '');
  const batcher = createEventBatcher({
    send: async (batch, keepalive) =>
      (
        await (config.fetch ?? fetch)(`${base}/events`, {
          method: 'POST',
          keepalive,
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ events: batch }),
        })
      ).ok,
  });
  const messages = (locale: string) => loadMessages(locale, config.messages);
  const formOptions: Runtime['formOptions'] = async ({ config: checked, locale }) => ({
    categories: checked.categories ?? DEFAULT_CATEGORIES,
    locale,
    messages: await messages(locale),
    region: checked.region ?? 'CN',
    user: checked.user,
  });
  const submissions = createSubmissions({
    config,
    outbox,
    drafts,
    followUp,
    batcher,
    messages,
    formOptions,
    events,
  });

  // On pagehide: a pending autosave is written and queued events leave with keepalive.
  const onHide = () => {
    void drafts.settle().catch(() => {});
    if (config.events !== false) void batcher.flush(true);
  };
  if (typeof addEventListener === 'function') addEventListener('pagehide', onHide);
  outbox.start();
  let live: Promise<ConversationClient> | undefined;
  let liveScope: string | undefined;
  const conversations = (user: ResolvedConfig['user']) => {
    const scope = user?.id ?? '';
    if (live && liveScope === scope) return live;
    void live?.then((c) => c.destroy());
    liveScope = scope;
    live = import('./conversations').then((m) =>
      m.createConversationClient({
        config,
        outbox,
        store,
        events,
        userId: user?.id,
        userToken: user?.token,
      }),
    );
    live.catch(() => (live = undefined));
    return live;
  };
  const runtime: Runtime = {
    ...submissions,
    config,
    outbox,
    drafts,
    followUp,
    events: batcher,
    messages,
    formOptions,
    async forms(ctx) {
      const options = await formOptions(ctx);
      return options.categories.map((c) => describeForm(c.id, options)!);
    },
    validate: async (draft, ctx) => validateDraft(draft, await formOptions(ctx)),
    call: (name, ctx, args) => METHODS[name]!(runtime, ctx, ...(args as never[])),
    check: (overrides) => parseConfig({ ...input, ...overrides }),
    async live(ctx, method, args) {
      // Nothing to list or follow: no conversation on this device (the flag) nor started on this
      // page (where localStorage cannot keep the flag), nobody signed in (whose ticket replies
      // the stream brings). The chat view, opened to ask the bot, lists none and wakes nothing
      // without downloading live support's code.
      const user = ctx.config.user;
      if ((method === 'list' || method === 'wake') && !live && !user?.token) {
        let flagged = false;
        try {
          flagged = !!localStorage.getItem(liveKey(user?.id));
        } catch {
          // No localStorage: no flag either.
        }
        if (!flagged) return method === 'list' ? [] : undefined;
      }
      const client = (await conversations(ctx.config.user)) as unknown as Record<
        string,
        (...a: unknown[]) => unknown
      >;
      return client[method]!(ctx, ...args);
    },
    destroy() {
      void live?.then((c) => c.destroy());
      if (typeof removeEventListener === 'function') removeEventListener('pagehide', onHide);
      misconfiguration?.stop();
      batcher.destroy();
      outbox.destroy();
    },
  };
  return runtime;
}
