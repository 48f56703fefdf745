import type { AgentPresence, RelayStore } from '../../../src/relay';
import type { AgentSession } from '../console-auth';
import type { PageAgent } from './layout';

/** Every agent's presence, most recently seen first; none for a store without live support. */
export async function loadPresence(
  store: Pick<RelayStore, 'conversations'>,
): Promise<AgentPresence[]> {
  return (await store.conversations?.listPresence()) ?? [];
}

/**
 * The signed-in agent as the header of every console page shows them: name, the CSRF token of
 * their forms, and on duty or away as `presence` (the list the page loaded) says; away when it
 * does not name them. Every page builds its agent here, so no page shows an on-duty agent as away.
 */
export function pageAgent(session: AgentSession, presence: readonly AgentPresence[]): PageAgent {
  return {
    name: session.agent.name,
    csrf: session.csrf,
    presence: presence.find((p) => p.agentId === session.agent.id)?.state ?? 'away',
  };
}
