import { KefuError } from '../errors/kefu-error';
import { MAX_MESSAGE_CHARS, MAX_TRANSCRIPT_ENTRIES } from '../protocol/conversation-limits';
import type { KeyValueStore } from '../storage';
import type { Attachment, Outbox } from '../transport';
import { createSharedStream, type SharedStream } from '../conversations/shared-stream';
import { createLogState, type Changes } from '../conversations/log-state';
import type {
  Conversation,
  ConversationInput,
  ConversationMessage,
  ConversationQueue,
  StreamReset,
} from '../conversations/types';
import { buildMessage, buildSurveyAnswer, type EnvelopeContext } from './build-envelope';
import type { ResolvedConfig } from './config';
import type { Emitter } from './emitter';
import { liveKey } from './live-flag';
import { makeTicketSecret } from './ticket-secret';
import type { AttachmentInput, KefuEvents, Receipt } from './types';

/** What `kefu.conversations.start` resolves to: the receipt, with the conversation's place in line. */
export interface ConversationReceipt extends Receipt {
  /** The conversation id: the first message's envelope id. */
  conversationId: string;
  /** The conversation as it stands on this device now. */
  conversation: Conversation;
}

/** The conversations of the signed-in user (or of the signed-out one) on this device. */
export interface ConversationClient {
  readonly scope: string;
  start(ctx: MessageCtx, input: ConversationInput): Promise<ConversationReceipt>;
  send(ctx: MessageCtx, id: string, body: string, files?: AttachmentInput[]): Promise<Receipt>;
  list(ctx?: unknown): Promise<Conversation[]>;
  get(ctx: unknown, id: string): Promise<Conversation | undefined>;
  markRead(ctx: unknown, id: string): Promise<void>;
  typing(ctx: unknown, id: string): void;
  survey(ctx: MessageCtx, id: string, answer: SurveyAnswer): Promise<Receipt>;
  dismissSurvey(ctx: unknown, id: string): Promise<void>;
  unread(ctx?: unknown): Promise<number>;
  /** Catch up now (the view opened). */
  wake(): void;
  destroy(): void;
}

/** The user's answer to a satisfaction survey: a rating 1–5 and, if they like, a comment. */
export interface SurveyAnswer {
  rating: number;
  comment?: string;
}

type MessageCtx = EnvelopeContext & {
  watch?: { contentId?: string; title?: string; episode?: string };
};

const TYPING_EVERY_MS = 3000;

/** Whether a relay's answer holds a place in line the view can show. */
const isQueue = (q: unknown): q is ConversationQueue =>
  typeof q === 'object' &&
  q !== null &&
  Number.isInteger((q as ConversationQueue).position) &&
  typeof (q as ConversationQueue).open === 'boolean' &&
  ((q as ConversationQueue).expectedWaitSeconds === null ||
    typeof (q as ConversationQueue).expectedWaitSeconds === 'number');

const toAttachments = (files: AttachmentInput[]): Attachment[] =>
  files.map((file, i) => {
    const blob = file instanceof Blob ? file : file.blob;
    const name =
      (file instanceof File ? file.name : (file as { name: string }).name) || `file-${i}`;
    return { part: `attachment-${i}`, name, type: blob.type || 'application/octet-stream', blob };
  });

/**
 * Live support on the client: starts conversations and sends their messages through the outbox
 * (exactly once, offline too, in order), follows the event log over the browser's one shared
 * connection, keeps what it received per user, and emits `message`, `status`, `typing`,
 * `unread-change` and `conversation-updated`.
 */
export function createConversationClient(parts: {
  config: ResolvedConfig;
  outbox: Outbox;
  store: KeyValueStore;
  events: Emitter<KefuEvents>;
  userId: string | undefined;
  userToken: string | undefined;
}): ConversationClient {
  const { config, outbox, store, events } = parts;
  const scope = parts.userId ?? '';
  const base = config.endpoint.replace(/\/+$/, '');
  const state = createLogState(store, encodeURIComponent(scope));
  const doFetch = () => config.fetch ?? fetch;
  let lastUnread = 0;
  let stream: SharedStream | undefined;
  const typingSent = new Map<string, number>();
  const unsubscribe: (() => void)[] = [];

  const unreadChanged = () => {
    const count = state.unread();
    if (count === lastUnread) return;
    lastUnread = count;
    events.emit('unread-change', { count });
  };
  const touched = (id: string) => {
    const conversation = state.get(id);
    if (!conversation) return;
    // A survey asked: its code downloads now, so the user can answer it offline too.
    if (conversation.survey?.state === 'due') void import('./conversation-survey').catch(() => {});
    events.emit('conversation-updated', { conversation });
  };
  const report = (changes: Changes) => {
    for (const m of changes.messages) events.emit('message', m);
    for (const s of changes.statuses) events.emit('status', s);
    for (const t of changes.typing) events.emit('typing', t);
    for (const id of changes.touched) touched(id);
    unreadChanged();
  };
  const proofHeaders = async (secret?: string): Promise<Record<string, string>> => ({
    ...(config.auth ? await config.auth() : {}),
    ...(parts.userToken ? { 'Kefu-User-Token': parts.userToken } : {}),
    ...(secret ? { 'Kefu-Ticket-Secret': secret } : {}),
  });

  // The place in line of each conversation still waiting, read again from the relay: called when
  // the conversation view opens and while it shows one waiting.
  const refreshQueues = async () => {
    for (const c of state.list()) {
      if (c.status !== 'waiting') continue;
      const response = await doFetch()(`${base}/conversations/${encodeURIComponent(c.id)}`, {
        headers: await proofHeaders(await state.secret(c.id)),
      }).catch(() => undefined);
      if (!response?.ok) continue;
      const { queue } = (await response.json().catch(() => ({}))) as { queue?: unknown };
      if (isQueue(queue)) report(state.applyQueue(c.id, queue));
    }
  };

  // After a reset (the log pruned events this device had not seen): see resync.ts. Tickets need
  // nothing: "my tickets" always reads them whole (`GET /tickets/{id}`).
  const onReset = async ({ conversationIds }: StreamReset) =>
    (await import('./resync')).resync(
      conversationIds,
      async (id) =>
        doFetch()(`${base}/conversations/${encodeURIComponent(id)}`, {
          headers: await proofHeaders(await state.secret(id)),
          cache: 'no-store',
        }),
      state,
      report,
    );

  const follow = () =>
    (stream ??= createSharedStream({
      name: `${base}|${scope}`,
      base,
      fetch: doFetch,
      cursor: state.cursor,
      async headers() {
        const proofs = await state.proofs();
        if (!proofs.length && !parts.userToken) return undefined;
        return {
          ...(await proofHeaders()),
          ...(proofs.length ? { 'Kefu-Stream-Proofs': proofs.join(',') } : {}),
        };
      },
      onEvents: (list) => report(state.apply(list)),
      onCursor: state.advance,
      onReset,
      async onResynced(reset) {
        for (const id of await state.reload(reset.conversationIds)) touched(id);
        unreadChanged();
      },
      async catchUp() {
        for (const id of await state.catchUp()) touched(id);
        unreadChanged();
      },
      ...(config.live?.transport ? { transport: config.live.transport } : {}),
      ...(config.live?.hiddenCloseMs ? { hiddenCloseMs: config.live.hiddenCloseMs } : {}),
    }));

  // The user's own messages: their state follows the outbox until the stream echoes them.
  const setState = (id: string, next: 'sent' | 'queued' | 'failed', error?: string) => {
    const local = state.local(id);
    if (!local || local.state === next) return;
    state.setLocal(id, { ...local, state: next, ...(error ? { error } : {}) });
    touched(local.conversationId);
  };
  unsubscribe.push(
    events.on('sent', ({ id, body }) => {
      const local = state.local(id);
      if (!local) return;
      setState(id, 'sent');
      const answer = body as { status?: string; queue?: Conversation['queue'] };
      // The first message's answer: the conversation exists now, with its place in line.
      if (local.conversationId === id && answer.status) {
        report(state.applyStatus(id, answer.status as 'waiting', answer.queue));
        stream?.restart();
      }
    }),
    // A message that could not go holds back the ones after it: they all wait for the network.
    events.on('retrying', ({ id }) => {
      const local = state.local(id);
      if (!local) return;
      for (const other of state.locals(local.conversationId))
        if (other === id || state.local(other)?.state === 'sending') setState(other, 'queued');
    }),
    events.on('rejected', ({ id, error }) => setState(id, 'failed', error.message)),
  );

  // Messages a previous visit left in the outbox are shown again, in their state.
  const ready = state.load().then(async () => {
    for (const entry of await outbox.entries().catch(() => [])) {
      const envelope = entry.envelope;
      if (envelope.kind !== 'message' || (envelope.user?.id ?? '') !== scope) continue;
      const payload = envelope.payload;
      state.setLocal(entry.id, {
        conversationId: payload.conversationId ?? entry.id,
        message: { id: entry.id, from: 'user', body: payload.body, at: envelope.createdAt },
        state: entry.state === 'rejected' ? 'failed' : entry.attempts ? 'queued' : 'sending',
        ...(entry.lastError && entry.state === 'rejected'
          ? { error: entry.lastError.message }
          : {}),
      });
    }
    lastUnread = -1;
    unreadChanged();
    if ((await state.proofs()).length || parts.userToken) follow();
  });

  const checkBody = (body: unknown): string => {
    const text = typeof body === 'string' ? body.trim() : '';
    if (!text || text.length > MAX_MESSAGE_CHARS)
      throw new KefuError(
        'invalid_input',
        text
          ? `A message has at most ${MAX_MESSAGE_CHARS} characters, this one ${text.length}: shorten it or send it in parts`
          : 'A message needs some text: type your question first',
        { field: 'payload.body' },
      );
    return text;
  };

  // The newest message of a conversation still on its way: the next one is sent after it.
  const lastPending = async (conversationId: string) => {
    const entries = await outbox.entries().catch(() => []);
    return entries
      .filter(
        (e) =>
          e.state === 'pending' &&
          e.envelope.kind === 'message' &&
          (e.envelope.payload.conversationId ?? e.id) === conversationId,
      )
      .at(-1)?.id;
  };

  const enqueue = async (
    conversationId: string,
    message: ConversationMessage,
    envelope: Parameters<Outbox['enqueue']>[0],
    attachments: Attachment[],
    secret: string | undefined,
    after: string | undefined,
  ) => {
    state.setLocal(envelope.id, {
      conversationId,
      message,
      state: globalThis.navigator?.onLine === false ? 'queued' : 'sending',
    });
    touched(conversationId);
    try {
      const result = await outbox.enqueue(envelope, attachments, {
        ...(secret ? { secret } : {}),
        ...(after ? { after } : {}),
      });
      // Queued behind a message that waits for the network, it waits too.
      if (
        result.status === 'queued' &&
        (globalThis.navigator?.onLine === false ||
          (after && state.local(after)?.state === 'queued'))
      )
        setState(envelope.id, 'queued');
      return result;
    } catch (error) {
      // Refused before or at the first attempt: nothing is kept, the text goes back to the box.
      if (!(error instanceof KefuError && error.code === 'rejected')) {
        state.setLocal(envelope.id, undefined);
        touched(conversationId);
      }
      throw error;
    }
  };

  return {
    scope,
    async start(ctx, input) {
      await ready;
      const body = checkBody(input?.body);
      const watch = input.watch ?? ctx.watch;
      const { contentId, title, episode } = watch ?? {};
      const shownWatch = {
        ...(contentId ? { contentId } : {}),
        ...(title ? { title } : {}),
        ...(episode ? { episode } : {}),
      };
      const envelope = buildMessage(
        {
          body,
          ...(input.transcript || input.query || input.articleId || input.topic
            ? {
                handover: {
                  transcript: (input.transcript ?? []).slice(-MAX_TRANSCRIPT_ENTRIES),
                  ...(input.query ? { query: input.query.slice(0, 200) } : {}),
                  ...(input.articleId ? { articleId: input.articleId } : {}),
                  ...(input.topic ? { topic: input.topic } : {}),
                },
              }
            : {}),
          ...(Object.keys(shownWatch).length ? { watch: shownWatch } : {}),
        },
        [],
        ctx,
        input.includeDiagnostics === false ? undefined : input.diagnostics,
      );
      const secret = makeTicketSecret();
      const at = envelope.createdAt;
      await state.add({ id: envelope.id, status: 'queued', createdAt: at, messages: [] }, secret);
      try {
        localStorage.setItem(liveKey(parts.userId), '1');
      } catch {
        // No localStorage: the client follows the conversation while this page lives.
      }
      follow();
      const result = await enqueue(
        envelope.id,
        { id: envelope.id, from: 'user', body, at },
        envelope,
        [],
        secret,
        undefined,
      );
      return {
        id: envelope.id,
        envelopeId: envelope.id,
        conversationId: envelope.id,
        status: result.status,
        durable: result.durable,
        conversation: state.get(envelope.id)!,
      };
    },
    async send(ctx, id, text, files = []) {
      await ready;
      if (!state.has(id))
        throw new KefuError('invalid_input', `There is no conversation "${id}" on this device`, {
          field: 'conversationId',
        });
      const body = checkBody(text);
      const attachments = toAttachments(files);
      const envelope = buildMessage({ body, conversationId: id }, attachments, ctx);
      const message: ConversationMessage = {
        id: envelope.id,
        from: 'user',
        body,
        at: envelope.createdAt,
        ...(attachments.length
          ? {
              attachments: attachments.map((a) => ({
                name: a.name,
                type: a.type,
                size: a.blob.size,
                ...(typeof URL.createObjectURL === 'function' && a.type.startsWith('image/')
                  ? { url: URL.createObjectURL(a.blob) }
                  : {}),
              })),
            }
          : {}),
      };
      const secret = await state.secret(id);
      const result = await enqueue(
        id,
        message,
        envelope,
        attachments,
        secret,
        await lastPending(id),
      );
      return {
        id: envelope.id,
        envelopeId: envelope.id,
        status: result.status,
        durable: result.durable,
      };
    },
    list: async () => (await ready, state.list()),
    get: async (_ctx, id) => (await ready, state.get(id)),
    async markRead(_ctx, id) {
      await ready;
      const last = state
        .get(id)
        ?.messages.filter((m) => m.from !== 'user' && !m.state)
        .at(-1);
      if (!last || !state.markRead(id, last.id)) return;
      unreadChanged();
      touched(id);
      const secret = await state.secret(id);
      await doFetch()(`${base}/conversations/${encodeURIComponent(id)}/read`, {
        method: 'POST',
        headers: { ...(await proofHeaders(secret)), 'Content-Type': 'application/json' },
        body: JSON.stringify({ upTo: last.id }),
      }).catch(() => {});
    },
    typing(_ctx, id) {
      const now = Date.now();
      if (now - (typingSent.get(id) ?? 0) < TYPING_EVERY_MS || !state.has(id)) return;
      typingSent.set(id, now);
      void (async () => {
        const secret = await state.secret(id);
        await doFetch()(`${base}/conversations/${encodeURIComponent(id)}/typing`, {
          method: 'POST',
          headers: { ...(await proofHeaders(secret)), 'Content-Type': 'application/json' },
          body: JSON.stringify({ typing: true }),
        });
      })().catch(() => {});
    },
    async survey(ctx, id, answer) {
      await ready;
      const { answerSurvey } = await import('./conversation-survey');
      return answerSurvey({ state, outbox, touched, buildSurveyAnswer }, ctx, id, answer);
    },
    async dismissSurvey(_ctx, id) {
      await ready;
      // Nothing due (none asked, or answered in another tab): nothing to set aside.
      const survey = state.get(id)?.survey;
      if (survey?.state === 'due' && (await state.settleSurvey(id, survey.id, 'dismissed')))
        touched(id);
    },
    unread: async () => (await ready, state.unread()),
    wake() {
      void ready.then(async () => {
        if (stream) stream.wake();
        else if ((await state.proofs()).length) follow();
        await refreshQueues();
      });
    },
    destroy() {
      for (const off of unsubscribe) off();
      stream?.stop();
    },
  };
}
