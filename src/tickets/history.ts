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
}

/** The local history of tickets, newest first. */
export interface TicketHistory {
  list(): Promise<TicketRecord[]>;
  get(envelopeIdOrId: string): Promise<TicketRecord | undefined>;
  put(record: TicketRecord): Promise<void>;
  /** Applies the server's state; a ticket that became solved gets its survey due. */
  apply(envelopeId: string, state: TicketState): Promise<TicketRecord | undefined>;
}

/** "My tickets", kept in `store` under `ticket:<envelopeId>`. */
/* @__NO_SIDE_EFFECTS__ */
export function createTicketHistory(store: KeyValueStore): TicketHistory {
  const list = async () =>
    (await store.entries<TicketRecord>())
      .filter(([key]) => key.startsWith(PREFIX))
      .map(([, record]) => record)
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  const put = (record: TicketRecord) => store.set(PREFIX + record.envelopeId, record);
  return {
    list,
    put,
    async get(key) {
      return (
        (await store.get<TicketRecord>(PREFIX + key)) ?? (await list()).find((r) => r.id === key)
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
