import type { Changes, LogState } from '../conversations/log-state';
import type {
  ConversationMessage,
  ConversationQueue,
  ConversationStatus,
} from '../conversations/types';

/** A conversation as `GET /conversations/{id}` answers it (the parts this device keeps). */
interface Snapshot {
  id: string;
  status: ConversationStatus;
  createdAt: string;
  messages: ConversationMessage[];
  agentReadUpTo?: string;
  queue?: ConversationQueue;
}

/**
 * After a reset (the relay pruned events of these conversations that this device had not seen),
 * reads each again whole and lets it replace what the events had built: messages, status, the
 * agent's read mark. Messages new to this device are reported as new, so they count as unread.
 * Loaded on demand: few visits ever need it. A failure (offline, a 5xx) throws, so the
 * connection retries from the same cursor and gets the same reset.
 */
export async function resync(
  ids: readonly string[],
  read: (id: string) => Promise<Response>,
  state: LogState,
  report: (changes: Changes) => void,
): Promise<void> {
  for (const id of ids) {
    const response = await read(id);
    // Not this user's to read (any more): nothing of it can be shown.
    if ([401, 403, 404].includes(response.status)) continue;
    const snapshot = (await response.json().catch(() => undefined)) as Snapshot | undefined;
    if (!response.ok || snapshot?.id !== id || !Array.isArray(snapshot.messages))
      throw new Error(`GET /conversations/${id} answered ${response.status} with no conversation`);
    report(
      state.edit(id, snapshot.createdAt, (c, local, changes) => {
        const known = new Set(c.messages.map((m) => m.id));
        c.createdAt = snapshot.createdAt;
        c.messages = snapshot.messages.slice();
        for (const message of c.messages) {
          local.delete(message.id);
          if (!known.has(message.id)) changes.messages.push({ conversationId: id, message });
        }
        if (snapshot.agentReadUpTo) c.agentReadUpTo = snapshot.agentReadUpTo;
        if (c.status !== snapshot.status) {
          c.status = snapshot.status;
          changes.statuses.push({
            conversationId: id,
            status: snapshot.status,
            ...(snapshot.queue ? { queue: snapshot.queue } : {}),
          });
        }
        if (snapshot.queue) c.queue = snapshot.queue;
        else if (snapshot.status !== 'waiting') delete c.queue;
        delete c.typingUntil;
        changes.touched.add(id);
      }),
    );
  }
}
