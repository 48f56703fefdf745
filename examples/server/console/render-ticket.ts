import { ticketNumber, type ForwardStatus, type TicketRecord } from '../../../src/relay';
import { renderForward } from './render-forward';
import { html } from './html';
import { csrfField, layout, type PageAgent } from './layout';
import { renderPlain } from './render-plain';
import { renderValue } from './render-value';
import { type SurveyAnswer, surveySection } from './render-survey';

const STATUSES = ['open', 'pending', 'solved', 'closed'] as const;

/**
 * A link that opens what the user was watching at the moment they asked (a media fragment
 * `#t=` the player seeks to); only for http(s) URLs, so a `javascript:` URL never becomes a link.
 */
function watchLink(context: { url?: string; positionSec?: number } | undefined) {
  if (!context?.url) return '';
  let url: URL;
  try {
    url = new URL(context.url);
  } catch {
    return '';
  }
  if (!/^https?:$/.test(url.protocol)) return '';
  const sec = context.positionSec === undefined ? undefined : Math.floor(context.positionSec);
  if (sec !== undefined) url.hash = `t=${sec}`;
  const at =
    sec === undefined ? '' : ` at ${Math.floor(sec / 60)}:${String(sec % 60).padStart(2, '0')}`;
  return html`<p><a class="watch" href="${url.href}" target="_blank" rel="noopener noreferrer">Open the video${at}</a></p>`;
}

/**
 * One ticket: what the user wrote, who they are, their diagnostics, files, the thread, the
 * agent's forms, and the user's satisfaction ratings (asked in the widget once it is solved).
 */
export function renderTicket(
  ticket: TicketRecord,
  forward?: ForwardStatus,
  agent?: PageAgent,
  surveys: SurveyAnswer[] = [],
  lastEventId?: string,
): string {
  const { envelope } = ticket;
  const p = envelope.payload;
  const base = `/inbox/tickets/${encodeURIComponent(ticket.id)}`;
  const files = ticket.attachments.map(
    (a) =>
      html`<li><a href="${base}/attachments/${encodeURIComponent(a.part)}" download>${a.name}</a> <span class="muted">${a.type}, ${a.size} bytes</span></li>`,
  );
  // Drawn the same way by the console's script for replies that arrive live (console.js).
  const thread = ticket.replies.map(
    (r) =>
      html`<li data-reply-id="${r.id}"><strong class="from-${r.from}">${r.from}</strong> <span class="muted">${r.at}</span><div>${r.body}</div></li>`,
  );
  // With the log's position, the script keeps the thread and status live; without a log (a
  // store with no live support) the page is as it was rendered.
  const live = lastEventId === undefined ? '' : html` data-last-event="${lastEventId}"`;
  const details = {
    category: p.category,
    priority: p.priority,
    vip: p.vip ? 'VIP' : undefined,
    team: p.team,
    contact: p.contact,
    user: envelope.user && {
      ...envelope.user,
      token: envelope.user.token ? '(signed token present)' : undefined,
    },
    // The user id a signed identity token proved; `user.id` above is only what the client claimed.
    'verified user': ticket.author?.userId ?? '(none: the claimed user id is unverified)',
    app: envelope.app,
    locale: envelope.locale,
    watching: p.context,
    fields: p.fields,
    created: envelope.createdAt,
  };
  return layout(
    p.subject || 'Ticket',
    html`<section>
      <h1>${p.subject || p.category}</h1>
      <p><strong class="number">${ticketNumber(envelope.id)}</strong> <span class="status" data-live="status">${ticket.status}</span> <span class="muted">${ticket.id}</span></p>
      <p>${p.description}</p>
      ${watchLink(p.context)}
      ${renderValue(details)}
    </section>
    ${renderForward(forward)}
    <section><h2>Diagnostics</h2>${renderPlain(envelope.diagnostics)}</section>
    <section><h2>Attachments</h2>${files.length ? html`<ul>${files}</ul>` : html`<p class="muted">None.</p>`}</section>
    <section><h2>Thread</h2>${thread.length ? '' : html`<p class="muted" data-live="no-replies">No replies yet.</p>`}<ol class="thread" data-ticket="${ticket.id}"${live} aria-live="polite" aria-label="Replies">${thread}</ol>
      <form method="post" action="${base}/reply">${csrfField(agent)}
        <label for="body">Reply as agent</label>
        <textarea id="body" name="body" required></textarea>
        <button type="submit">Send reply</button>
      </form>
      <form method="post" action="${base}/status">${csrfField(agent)}
        <label for="status">Status</label>
        <select id="status" name="status">${STATUSES.map((s) => html`<option value="${s}"${s === ticket.status ? html` selected` : ''}>${s}</option>`)}</select>
        <button type="submit">Set status</button>
      </form>
    </section>
    ${surveySection(surveys)}`,
    agent,
  );
}
