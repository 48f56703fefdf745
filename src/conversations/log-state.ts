import { eventAfter } from '../protocol/event-id';
import { markAdvances } from '../protocol/read-mark';
import type { KeyValueStore } from '../storage';
import type {
  Conversation,
  ConversationMessage,
  ConversationQueue,
  ConversationStatus,
  MessageState,
  ShownMessage,
  StreamEvent,
} from './types';

/** How many messages of one conversation this device keeps. */
const KEEP = 300;
const SECRET = 'conversation-secret:';
const SETTLED = 'conversation-survey:';

/** A conversation as stored on this device. */
export interface StoredConversation {
  id: string;
  status: ConversationStatus | 'queued';
  queue?: ConversationQueue;
  createdAt: string;
  messages: ConversationMessage[];
  /** The last message the user has read. */
  readUpTo?: string;
  /** The last message of the user's that an agent has read. */
  agentReadUpTo?: string;
  typingUntil?: string;
  /** The last survey the agent or the relay asked for (its `survey.id`). */
  survey?: string;
}

/** A survey the user answered or set aside: it is not asked again. */
interface Settled {
  id: string;
  outcome: 'answered' | 'dismissed';
}

interface Saved {
  v: 1;
  last: string;
  conversations: StoredConversation[];
}

/** A message of the user's that the stream has not echoed yet. */
interface Local {
  conversationId: string;
  message: ConversationMessage;
  state: MessageState;
  error?: string;
}

/** What applying events changed, for the client to emit. */
export interface Changes {
  messages: { conversationId?: string; ticketId?: string; message: ConversationMessage }[];
  statuses: { conversationId: string; status: ConversationStatus; queue?: ConversationQueue }[];
  typing: { conversationId: string; until: string }[];
  /** Conversations whose view must render again. */
  touched: Set<string>;
}

const noChanges = (): Changes => ({
  messages: [],
  statuses: [],
  typing: [],
  touched: new Set(),
});

/**
 * The conversations of one user on this device and the log's cursor: events are applied in id
 * order, an id at or below the cursor is dropped (a duplicate or a replay), and the cursor is
 * stored with the conversations, so a reload resumes where the last tab stopped.
 */
export function createLogState(store: KeyValueStore, scope: string) {
  const key = `conversations:${scope}`;
  let last = '0';
  const byId = new Map<string, StoredConversation>();
  const local = new Map<string, Local>();
  // Kept apart from the log, one key per conversation: the tab that leads the stream saves the
  // whole log, and must not undo an answer another tab gave.
  const settled = new Map<string, Settled>();
  const readSettled = async () => {
    const prefix = `${SETTLED}${scope}:`;
    const all = await store.entries<Settled>().catch(() => [] as [string, Settled][]);
    for (const [k, v] of all) if (k.startsWith(prefix)) settled.set(k.slice(prefix.length), v);
  };
  let loaded: Promise<void> | undefined;

  const load = () =>
    (loaded ??= store
      .get<Saved>(key)
      .then(
        (saved) => {
          if (saved?.v !== 1) return;
          if (eventAfter(saved.last, last)) last = saved.last;
          for (const c of saved.conversations) if (!byId.has(c.id)) byId.set(c.id, c);
        },
        () => {},
      )
      .then(readSettled));
  const save = () =>
    store
      .set(key, { v: 1, last, conversations: [...byId.values()] } satisfies Saved)
      .catch(() => {});

  const unreadOf = (c: StoredConversation) => {
    const from = c.readUpTo ? c.messages.findIndex((m) => m.id === c.readUpTo) + 1 : 0;
    return c.messages.slice(from).filter((m) => m.from !== 'user').length;
  };

  const view = (c: StoredConversation, at: number): Conversation => {
    const agentRead = c.agentReadUpTo ? c.messages.findIndex((m) => m.id === c.agentReadUpTo) : -1;
    const messages: ShownMessage[] = c.messages.map((m, i) =>
      m.from === 'user' ? { ...m, state: i <= agentRead ? 'read' : 'sent' } : m,
    );
    for (const l of local.values())
      if (l.conversationId === c.id)
        messages.push({ ...l.message, state: l.state, ...(l.error ? { error: l.error } : {}) });
    return {
      id: c.id,
      status: c.status,
      ...(c.queue ? { queue: c.queue } : {}),
      createdAt: c.createdAt,
      messages,
      unread: unreadOf(c),
      ...(c.typingUntil && Date.parse(c.typingUntil) > at
        ? { agentTypingUntil: c.typingUntil }
        : {}),
      ...(c.survey
        ? {
            survey: {
              id: c.survey,
              state:
                settled.get(c.id)?.id === c.survey ? settled.get(c.id)!.outcome : ('due' as const),
            },
          }
        : {}),
    };
  };

  const ensure = (id: string, at: string): StoredConversation => {
    let c = byId.get(id);
    if (!c) byId.set(id, (c = { id, status: 'waiting', createdAt: at, messages: [] }));
    return c;
  };

  return {
    load,
    /**
     * Takes what another tab saved since this one loaded, when it saw further: the tab that
     * leads the stream saves every event before passing it on. Returns the conversations taken.
     */
    async catchUp(): Promise<string[]> {
      const saved = await store.get<Saved>(key).catch(() => undefined);
      if (saved?.v !== 1 || !eventAfter(saved.last, last)) return [];
      last = saved.last;
      for (const c of saved.conversations) byId.set(c.id, c);
      await readSettled();
      return saved.conversations.map((c) => c.id);
    },
    cursor: () => last,
    /** Moves the cursor past ids that held nothing for this user (long-poll's `last`). */
    advance(to: string) {
      if (eventAfter(to, last)) {
        last = to;
        void save();
      }
    },
    /**
     * Adds a conversation this device starts, before the relay has it. Its secret is a key of its
     * own, written once: the tabs all save the log, and none of them may lose a secret doing so.
     */
    async add(c: StoredConversation, secret: string) {
      await load();
      await store.set(`${SECRET}${scope}:${c.id}`, secret);
      byId.set(c.id, { ...byId.get(c.id), ...c });
      await save();
    },
    /** The proofs of this user's conversations on this device: `id:secret` pairs, newest 50. */
    async proofs(): Promise<string[]> {
      const prefix = `${SECRET}${scope}:`;
      const all = await store.entries<string>().catch(() => [] as [string, string][]);
      return all
        .filter(
          ([k]) => k.startsWith(prefix) && byId.get(k.slice(prefix.length))?.status !== 'closed',
        )
        .slice(-50)
        .map(([k, secret]) => `${k.slice(prefix.length)}:${secret}`);
    },
    /** The secret of one conversation, for its messages' proof. */
    secret: (id: string) => store.get<string>(`${SECRET}${scope}:${id}`).catch(() => undefined),
    has: (id: string) => byId.has(id),
    get: (id: string, now = Date.now()) => {
      const c = byId.get(id);
      return c && view(c, now);
    },
    list: (now = Date.now()) =>
      [...byId.values()]
        .map((c) => view(c, now))
        .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1)),
    unread: () => [...byId.values()].reduce((sum, c) => sum + unreadOf(c), 0),
    /**
     * A message of the user's on its way: shown with its state until the stream echoes it. One
     * the log already holds is not on its way any more: the relay stored it and the stream echoed
     * it, but its answer was lost (a reload mid-send), so the outbox still lists it. Kept as a
     * local too, it would show twice, and forever: the echo that removes locals is behind us.
     */
    setLocal(id: string, entry: Local | undefined) {
      if (entry && !byId.get(entry.conversationId)?.messages.some((m) => m.id === id))
        local.set(id, entry);
      else local.delete(id);
    },
    local: (id: string) => local.get(id),
    /** The ids of the user's messages on their way in a conversation, oldest first. */
    locals: (conversationId: string) =>
      [...local.entries()].filter(([, l]) => l.conversationId === conversationId).map(([id]) => id),
    /** Marks everything up to `messageId` read by the user; false when nothing changed. */
    markRead(conversationId: string, messageId: string) {
      const c = byId.get(conversationId);
      if (!c || !markAdvances(c.messages, messageId, c.readUpTo)) return false;
      c.readUpTo = messageId;
      void save();
      return true;
    },
    /**
     * Records the survey of a conversation answered or set aside, after reading what the other
     * tabs did; false when none is due (none asked, or already settled here or in another tab).
     */
    async settleSurvey(
      conversationId: string,
      surveyId: string,
      outcome: 'answered' | 'dismissed',
    ): Promise<boolean> {
      await readSettled();
      const c = byId.get(conversationId);
      if (!c || c.survey !== surveyId || settled.get(conversationId)?.id === surveyId) return false;
      const entry = { id: surveyId, outcome };
      settled.set(conversationId, entry);
      await store.set(`${SETTLED}${scope}:${conversationId}`, entry);
      return true;
    },
    /** Asks the survey again: its answer could not be queued. */
    async reopenSurvey(conversationId: string) {
      settled.delete(conversationId);
      await store.del(`${SETTLED}${scope}:${conversationId}`).catch(() => {});
    },
    /**
     * The status the relay answered the first message with, unless the stream already told a
     * newer one.
     */
    applyStatus(id: string, status: ConversationStatus, queue?: ConversationQueue): Changes {
      const changes = noChanges();
      const c = byId.get(id);
      if (c?.status !== 'queued') return changes;
      c.status = status;
      if (queue) c.queue = queue;
      changes.statuses.push({ conversationId: id, status, ...(queue ? { queue } : {}) });
      changes.touched.add(id);
      void save();
      return changes;
    },
    /**
     * A waiting conversation's place in line as the relay computes it now (the line moves when
     * agents take the conversations ahead, which the log does not tell each waiting user).
     */
    applyQueue(id: string, queue: ConversationQueue): Changes {
      const changes = noChanges();
      const c = byId.get(id);
      if (c?.status !== 'waiting' || JSON.stringify(c.queue) === JSON.stringify(queue))
        return changes;
      c.queue = queue;
      changes.statuses.push({ conversationId: id, status: 'waiting', queue });
      changes.touched.add(id);
      void save();
      return changes;
    },
    /**
     * Changes one conversation (made when missing) with code loaded on demand, then saves: the
     * resync after a reset, which few visits ever need.
     */
    edit(
      id: string,
      at: string,
      change: (c: StoredConversation, on: Map<string, unknown>, changes: Changes) => void,
    ): Changes {
      const changes = noChanges();
      const c = ensure(id, at);
      change(c, local, changes);
      if (c.messages.length > KEEP) c.messages.splice(0, c.messages.length - KEEP);
      void save();
      return changes;
    },
    /** Takes these conversations as another tab stored them (after its resync). */
    async reload(ids: readonly string[]): Promise<string[]> {
      const saved = await store.get<Saved>(key).catch(() => undefined);
      const taken = (saved?.conversations ?? []).filter((c) => ids.includes(c.id));
      for (const c of taken) byId.set(c.id, c);
      return taken.map((c) => c.id);
    },
    /** Applies events in id order; returns what changed. */
    apply(events: StreamEvent[]): Changes {
      const changes = noChanges();
      const sorted = [...events].sort((a, b) => (eventAfter(a.id, b.id) ? 1 : -1));
      for (const event of sorted) {
        if (!eventAfter(event.id, last)) continue;
        last = event.id;
        if (event.ticketId && !event.conversationId) {
          if (event.type === 'message' && event.message)
            changes.messages.push({ ticketId: event.ticketId, message: event.message });
          continue;
        }
        const id = event.conversationId;
        if (!id) continue;
        const c = ensure(id, event.at);
        changes.touched.add(id);
        if (event.type === 'message' && event.message) {
          const message = event.message;
          if (c.messages.some((m) => m.id === message.id)) continue;
          c.messages.push(message);
          if (c.messages.length > KEEP) c.messages.splice(0, c.messages.length - KEEP);
          local.delete(message.id);
          if (message.from === 'agent') delete c.typingUntil;
          if (c.status === 'queued') c.status = 'waiting';
          changes.messages.push({ conversationId: id, message });
        } else if (event.type === 'status' && event.status) {
          c.status = event.status;
          // A waiting conversation keeps its last known place in line until a newer one comes.
          if (event.queue) c.queue = event.queue;
          else if (event.status !== 'waiting') delete c.queue;
          changes.statuses.push({
            conversationId: id,
            status: event.status,
            ...(event.queue ? { queue: event.queue } : {}),
          });
        } else if (event.type === 'typing' && event.from === 'agent' && event.until) {
          c.typingUntil = event.until;
          changes.typing.push({ conversationId: id, until: event.until });
        } else if (event.type === 'read' && event.upTo) {
          if (event.by === 'agent') c.agentReadUpTo = event.upTo;
          else if (event.by === 'user' && markAdvances(c.messages, event.upTo, c.readUpTo))
            c.readUpTo = event.upTo;
        } else if (event.type === 'survey' && event.survey) c.survey = event.survey.id;
      }
      if (sorted.length) void save();
      return changes;
    },
  };
}

/** The conversations of one user, as {@link createLogState} keeps them. */
export type LogState = ReturnType<typeof createLogState>;
