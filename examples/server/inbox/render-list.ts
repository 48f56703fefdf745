import {
  ticketNumber,
  type EventCount,
  type ForwardStatus,
  type StoredSubmission,
  type TicketRecord,
} from '../../../src/relay';
import { forwardSummary } from './render-forward';
import { html } from './html';
import { layout, type PageAgent } from './layout';

const ticketHref = (id: string) => `/inbox/tickets/${encodeURIComponent(id)}`;

/** What the user was watching, as the app told the widget (`setWatchContext`): title, episode, id. */
export function watchingOf(ticket: TicketRecord): string {
  const c = ticket.envelope.payload.context;
  return [c?.title, c?.episode, c?.contentId].filter(Boolean).join(' · ');
}

function contactOf(ticket: TicketRecord): string {
  const { user } = ticket.envelope;
  const contact = ticket.envelope.payload.contact;
  return [user?.name, user?.email ?? contact?.email, contact?.phone, user?.id && `#${user.id}`]
    .filter(Boolean)
    .join(' · ');
}

/** The inbox home: tickets (newest activity first), feedback, and product events by frequency. */
export function renderInbox(
  tickets: TicketRecord[],
  feedback: StoredSubmission[],
  events: EventCount[],
  forwarding: (ForwardStatus | undefined)[] = [],
  agent?: PageAgent,
): string {
  const ticketRows = tickets.map(
    (t, i) => html`<tr>
      <td class="number">${ticketNumber(t.envelope.id)}</td>
      <td><a href="${ticketHref(t.id)}">${t.envelope.payload.subject || t.envelope.payload.description.slice(0, 80)}</a></td>
      <td>${t.envelope.payload.category}</td>
      <td>${watchingOf(t)}</td>
      <td><span class="status">${t.status}</span>${t.envelope.payload.priority === 'urgent' ? html` <strong>urgent</strong>` : ''}${t.envelope.payload.vip ? html` <strong>VIP</strong>` : ''}</td>
      <td>${contactOf(t)}</td>
      <td>${t.attachments.length || ''}</td>
      <td>${forwardSummary(forwarding[i])}</td>
      <td class="muted">${t.updatedAt}</td>
    </tr>`,
  );
  const feedbackRows = feedback.map((f) => {
    const p = f.envelope.payload as Record<string, unknown>;
    return html`<tr><td>${p.type}</td><td>${p.rating ?? ''}</td><td>${p.comment ?? p.reason ?? ''}</td><td>${p.articleId ?? p.contentId ?? p.ticketId ?? ''}</td><td class="muted">${f.receivedAt}</td></tr>`;
  });
  const eventRows = events.map(
    (e) => html`<tr><td>${e.type}</td><td>${e.subject ?? ''}</td><td>${e.count}</td></tr>`,
  );
  const none = (cols: number) =>
    html`<tr><td colspan="${cols}" class="muted">Nothing yet.</td></tr>`;
  return layout(
    'Inbox',
    html`<section><h1>Tickets</h1><table>
      <thead><tr><th>No.</th><th>Subject</th><th>Category</th><th>Watching</th><th>Status</th><th>Contact</th><th>Files</th><th>Helpdesk</th><th>Updated</th></tr></thead>
      <tbody>${ticketRows.length ? ticketRows : none(9)}</tbody></table></section>
    <section><h2>Feedback</h2><table>
      <thead><tr><th>Type</th><th>Rating</th><th>Comment</th><th>About</th><th>Received</th></tr></thead>
      <tbody>${feedbackRows.length ? feedbackRows.reverse() : none(5)}</tbody></table></section>
    <section><h2>Product events, most frequent first</h2><table>
      <thead><tr><th>Event</th><th>Query or article</th><th>Count</th></tr></thead>
      <tbody>${eventRows.length ? eventRows : none(3)}</tbody></table></section>`,
    agent,
  );
}
