import type { EventCount, ForwardStatus, StoredSubmission, TicketRecord } from '../../../src/relay';
import type { AgentPresence, InboxEntry } from '../../../src/relay';
import { html, type SafeHtml } from './html';
import { layout, type PageAgent } from './layout';
import { forwardSummary } from './render-forward';
import { waitedFor } from './waiting';

/** The console address of a list entry. */
export const entryHref = (entry: Pick<InboxEntry, 'kind' | 'id'>) =>
  `/inbox/${entry.kind === 'conversation' ? 'conversations' : 'tickets'}/${encodeURIComponent(entry.id)}`;

/** What the list page shows. */
export interface ListData {
  entries: InboxEntry[];
  /** Helpdesk forwarding of the ticket entries, by ticket id. */
  forwarding: Map<string, ForwardStatus | undefined>;
  /** The short number the user was told, and what they were watching, by ticket id. */
  ticketInfo: Map<string, { number: string; watching: string; urgent: boolean; vip: boolean }>;
  presence: AgentPresence[];
  feedback: StoredSubmission[];
  events: EventCount[];
  now: number;
}

/** What the user was watching, as the app told the widget (`setWatchContext`): title, episode, id. */
export function watchingOf(ticket: TicketRecord): string {
  const c = ticket.envelope.payload.context;
  return [c?.title, c?.episode, c?.contentId].filter(Boolean).join(' · ');
}

const none = (cols: number) => html`<tr><td colspan="${cols}" class="muted">Nothing yet.</td></tr>`;

function entryRow(entry: InboxEntry, data: ListData): SafeHtml {
  const waited = waitedFor(entry.waitingSince, data.now);
  return html`<tr data-entry="${entry.id}" class="${entry.unread ? 'has-unread' : ''}">
<td>${waited ? html`<time class="waited" datetime="${entry.waitingSince}">${waited}</time>` : html`<span class="muted">–</span>`}</td>
<td>${entry.kind === 'conversation' ? 'Chat' : 'Ticket'}</td>
<td class="number">${data.ticketInfo.get(entry.id)?.number ?? ''}</td>
<td><a href="${entryHref(entry)}">${entry.title || '(no text)'}</a></td>
<td>${data.ticketInfo.get(entry.id)?.watching ?? ''}</td>
<td>${entry.userName ?? ''}</td>
<td><span class="status status-${entry.status}">${entry.status}</span>${data.ticketInfo.get(entry.id)?.urgent ? html` <strong>urgent</strong>` : ''}${data.ticketInfo.get(entry.id)?.vip ? html` <strong>VIP</strong>` : ''}</td>
<td>${entry.unread ? html`<span class="unread" aria-label="${entry.unread} unread">${entry.unread}</span>` : ''}</td>
<td>${entry.kind === 'ticket' ? forwardSummary(data.forwarding.get(entry.id)) : ''}</td>
<td class="muted"><time datetime="${entry.updatedAt}">${entry.updatedAt.slice(0, 16).replace('T', ' ')}</time></td>
</tr>`;
}

/** The agents and whether each is on duty: what the users' queue estimates are computed from. */
function presenceList(presence: AgentPresence[]): SafeHtml {
  if (!presence.length)
    return html`<p class="muted">No agent has gone on duty yet: users are told no wait time.</p>`;
  return html`<ul class="presence-list">${presence.map(
    (p) =>
      html`<li><span class="presence-state ${p.state === 'on-duty' ? 'on' : 'off'}">${p.state === 'on-duty' ? 'On duty' : 'Away'}</span> ${p.name}</li>`,
  )}</ul>`;
}

/**
 * The console home: conversations and tickets in one list (those waiting longest first, with
 * unread counts and waiting times), the agents on duty, then feedback and product events.
 */
export function renderList(data: ListData, agent?: PageAgent): string {
  const rows = data.entries.map((e) => entryRow(e, data));
  const feedbackRows = data.feedback.map((f) => {
    const p = f.envelope.payload as Record<string, unknown>;
    return html`<tr><td>${p.type}</td><td>${p.rating ?? ''}</td><td>${p.comment ?? p.reason ?? ''}</td><td>${p.articleId ?? p.contentId ?? p.ticketId ?? p.conversationId ?? ''}</td><td class="muted">${f.receivedAt}</td></tr>`;
  });
  const eventRows = data.events.map(
    (e) => html`<tr><td>${e.type}</td><td>${e.subject ?? ''}</td><td>${e.count}</td></tr>`,
  );
  const waiting = data.entries.filter((e) => e.waitingSince).length;
  return layout(
    'Conversations and tickets',
    html`<section><h1>Conversations and tickets</h1>
<p class="summary" data-live="list">${waiting} waiting for an answer · ${data.entries.length} in all</p>
<table class="entries">
<thead><tr><th>Waiting</th><th>Kind</th><th>No.</th><th>Subject or first message</th><th>Watching</th><th>User</th><th>Status</th><th>Unread</th><th>Helpdesk</th><th>Updated</th></tr></thead>
<tbody>${rows.length ? rows : none(10)}</tbody></table></section>
<section><h2>Agents</h2>${presenceList(data.presence)}</section>
<section><h2>Feedback</h2><table>
<thead><tr><th>Type</th><th>Rating</th><th>Comment</th><th>About</th><th>Received</th></tr></thead>
<tbody>${feedbackRows.length ? feedbackRows.reverse() : none(5)}</tbody></table></section>
<section><h2>Product events, most frequent first</h2><table>
<thead><tr><th>Event</th><th>Query or article</th><th>Count</th></tr></thead>
<tbody>${eventRows.length ? eventRows : none(3)}</tbody></table></section>`,
    agent,
  );
}
