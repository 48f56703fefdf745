import type { TicketReply, TicketState, TicketStatus } from '../protocol';
import type { KeyValueStore } from '../storage';

const PREFIX = 'ticket:';

/** A ticket from this device, as "my tickets" lists it. */
export interface TicketRecord {
  /** The envelope id: the local key, known before the server answered. */
  envelopeId: string;
  /** The server's id once it acknowledged the ticket. */
  id?: string;
  /** `queued` until acknowledged, `rejected` if the server refused it, then the server's status. */
  status: TicketStatus | 'queued' | 'rejected';
  category: string;
  subject?: string;
  description: string;
  createdAt: string;
  updatedAt: string;
  /** The thread as last read: agent answers and the user's replies. */
  replies: TicketReply[];
  /** Replies the user sent that the server has not shown back yet. */
  outgoing: { envelopeId: string; body: string; at: string }[];
  /** When solved: whether the satisfaction survey was answered or dismissed. */
  survey?: 'due' | 'answered' | 'dismissed';
  /** The signed-in user it was written as (`user.id`); absent for a ticket written signed out. */
  userId?: string;
  /**
   * The secret made when the ticket was queued: it proves authorship to the server (only its
   * hash is stored there). Kept on this device only; {@link TicketHistory.list} leaves it out.
   */
  secret?: string;
}

/**
 * The local history of tickets, newest first, scoped to a user: `userId` undefined is the
 * signed-out scope. One user's tickets are never listed or found for another.
 */
export interface TicketHistory {
  /** The user's tickets, secrets left out: what "My tickets" may show. */
  list(userId: string | undefined): Promise<TicketRecord[]>;
  /** The user's tickets with their secrets, to prove authorship when reading them. */
  listWithSecrets(userId: string | undefined): Promise<TicketRecord[]>;
  /** One of the user's tickets by envelope id or server id, with its secret. */
  get(envelopeIdOrId: string, userId: string | undefined): Promise<TicketRecord | undefined>;
  /** A ticket by envelope id whoever wrote it: for delivery, which goes on after a sign-out. */
  byEnvelope(envelopeId: string): Promise<TicketRecord | undefined>;
  put(record: TicketRecord): Promise<void>;
  /** Applies the server's state; a ticket that became solved gets its survey due. */
  apply(envelopeId: string, state: TicketState): Promise<TicketRecord | undefined>;
}

/** "My tickets", kept in `store` under `ticket:<envelopeId>`. */
/* @__NO_SIDE_EFFECTS__ */
export function createTicketHistory(store: KeyValueStore): TicketHistory {
  const mine = (record: TicketRecord | undefined, userId: string | undefined) =>
    record && record.userId === userId ? record : undefined;
  const listWithSecrets = async (userId: string | undefined) =>
    (await store.entries<TicketRecord>())
      .filter(([key, record]) => key.startsWith(PREFIX) && mine(record, userId))
      .map(([, record]) => record)
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  const put = (record: TicketRecord) => store.set(PREFIX + record.envelopeId, record);
  return {
    listWithSecrets,
    async list(userId) {
      return (await listWithSecrets(userId)).map(({ secret: _secret, ...record }) => record);
    },
    put,
    byEnvelope: (envelopeId) => store.get<TicketRecord>(PREFIX + envelopeId),
    async get(key, userId) {
      return (
        mine(await store.get<TicketRecord>(PREFIX + key), userId) ??
        (await listWithSecrets(userId)).find((r) => r.id === key)
      );
    },
    async apply(envelopeId, state) {
      const record = await store.get<TicketRecord>(PREFIX + envelopeId);
      if (!record) return undefined;
      const shown = new Set(state.replies.filter((r) => r.from === 'user').map((r) => r.body));
      const solved = state.status === 'solved' || state.status === 'closed';
      const next: TicketRecord = {
        ...record,
        id: state.id,
        status: state.status,
        updatedAt: state.updatedAt,
        replies: state.replies,
        // A reply the server now shows is no longer outgoing; matched by text, the only key both share.
        outgoing: record.outgoing.filter((o) => !shown.has(o.body)),
        ...(state.status === 'solved' && !record.survey ? { survey: 'due' as const } : {}),
        ...(!solved && record.survey === 'due' ? { survey: undefined } : {}),
      };
      await put(next);
      return next;
    },
  };
}
