import type { ConversationStore } from './conversation-store';
import type { OpenState } from './service-hours';
import type { QueueState } from '../protocol';

/** What the queue of a relay is computed from. */
export interface QueueSettings {
  /** Whether support is open at an instant (always open without service hours). */
  hours: (nowMs: number) => OpenState;
  /** Seconds an agent takes per conversation, on average. */
  averageHandleSeconds: number;
  /** An agent not seen for this long counts as away. */
  presenceTtlMs: number;
}

/**
 * Where a conversation stands in the queue, said honestly: its position among those waiting
 * (oldest first), an expected wait from the agents on duty (`null` when none is, during open
 * hours: nobody can say), and outside hours `open: false` with the next opening, the wait then
 * counted from it. A conversation not waiting has position 0 and no wait.
 */
export async function queueStateOf(
  conversations: ConversationStore,
  id: string,
  settings: QueueSettings,
  nowMs: number,
): Promise<QueueState> {
  const [queue, presence] = await Promise.all([
    conversations.waitingQueue(),
    conversations.listPresence(),
  ]);
  const position = queue.findIndex((entry) => entry.id === id) + 1;
  const hours = settings.hours(nowMs);
  const onDuty = presence.filter(
    (agent) =>
      agent.state === 'on-duty' && nowMs - Date.parse(agent.lastSeen) <= settings.presenceTtlMs,
  ).length;
  const state: QueueState = { position, expectedWaitSeconds: null, open: hours.open };
  if (hours.opensAt) state.opensAt = hours.opensAt;
  if (position === 0) {
    state.expectedWaitSeconds = 0;
    return state;
  }
  // Each agent takes one conversation at a time: the queue ahead is shared among them.
  const serving = Math.ceil((position * settings.averageHandleSeconds) / Math.max(onDuty, 1));
  if (hours.open) state.expectedWaitSeconds = onDuty > 0 ? serving : null;
  else if (hours.opensAt)
    state.expectedWaitSeconds = Math.ceil((Date.parse(hours.opensAt) - nowMs) / 1000) + serving;
  return state;
}
