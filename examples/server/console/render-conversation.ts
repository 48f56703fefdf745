import type { FaqArticle } from '../../../src/faq';
import { type LogMessage, TOPICS } from '../../../src/protocol';
import type { ConversationRecord, TicketRecord } from '../../../src/relay';
import type { CannedAnswers } from './canned';
import { html, type SafeHtml } from './html';
import { csrfField, layout, type PageAgent } from './layout';
import { renderPlain } from './render-plain';
import { type SurveyAnswer, surveySection } from './render-survey';
import { waitedFor } from './waiting';

/** The ticket categories a conversation can be turned into: the topics the widget's forms use. */
export const TICKET_CATEGORIES = TOPICS;

/** The statuses an agent sets; `waiting` is the user's, set by a new unanswered message. */
export const AGENT_STATUSES = ['active', 'solved', 'closed'] as const;

/** What the conversation page shows. */
export interface ConversationPage {
  conversation: ConversationRecord;
  /** Earlier tickets of the same user, newest first. */
  earlier: TicketRecord[];
  /** Whether `earlier` was matched on a verified user id or only on the id the app claimed. */
  earlierBy: 'verified' | 'claimed' | 'none';
  canned: CannedAnswers;
  /** The reply box's text (a canned answer picked, or what the agent wrote before an error). */
  draft: string;
  /** The canned article picked, if any. */
  picked?: FaqArticle;
  /** A problem with the agent's last action, shown above the reply box. */
  problem?: string;
  /** FAQ article titles by id, to name the articles the bot showed and the user read. */
  articleTitles?: ReadonlyMap<string, string>;
  /** The user's answers to satisfaction surveys of this conversation, oldest first. */
  surveys?: SurveyAnswer[];
  now: number;
}

const time = (at: string) => html`<time datetime="${at}">${at.slice(11, 16)}</time>`;

function senderOf(message: LogMessage): string {
  if (message.from === 'agent') return message.agent?.name ?? 'Agent';
  return { user: 'User', bot: 'Bot', system: 'System' }[message.from];
}

/** One message as the console's script also draws it (see assets/console.js). */
function messageItem(message: LogMessage): SafeHtml {
  const files = message.attachments?.map((a) => a.name).join(', ');
  return html`<li class="msg from-${message.from}" data-message-id="${message.id}">
<span class="who">${senderOf(message)}</span> ${time(message.at)}
<p class="body">${message.body}</p>${files ? html`<p class="muted">Files: ${files}</p>` : ''}</li>`;
}

/** An article as the agent knows it: its title (its id when the FAQ has no such article). */
const articleName = (page: ConversationPage, id: string) => page.articleTitles?.get(id) ?? id;

function handoverSection(page: ConversationPage): SafeHtml {
  const c = page.conversation;
  const h = c.envelope.payload.handover;
  if (!h)
    return html`<section><h2>Before the hand-over</h2><p class="muted">The user asked for a person directly.</p></section>`;
  const turns = h.transcript.map(
    (t) =>
      html`<li class="from-${t.from}"><span class="who">${t.from === 'bot' ? 'Bot' : 'User'}</span> ${time(t.at)} <span class="body">${t.body}</span>${t.articleIds?.length ? html` <span class="muted">(articles: ${t.articleIds.map((id) => articleName(page, id)).join(', ')})</span>` : ''}</li>`,
  );
  return html`<section><h2>Before the hand-over</h2>
<dl>${h.query ? html`<dt>Searched for</dt><dd>${h.query}</dd>` : ''}${h.articleId ? html`<dt>Article read</dt><dd>${articleName(page, h.articleId)}</dd>` : ''}${h.topic ? html`<dt>Topic</dt><dd>${h.topic}</dd>` : ''}</dl>
${turns.length ? html`<ol class="transcript">${turns}</ol>` : html`<p class="muted">No bot answers.</p>`}</section>`;
}

function watchSection(c: ConversationRecord): SafeHtml {
  const w = c.envelope.payload.watch;
  if (!w || (!w.title && !w.episode && !w.contentId)) return html``;
  return html`<section><h2>Watching</h2><dl>${w.title ? html`<dt>Title</dt><dd>${w.title}</dd>` : ''}${w.episode ? html`<dt>Episode</dt><dd>${w.episode}</dd>` : ''}${w.contentId ? html`<dt>Content id</dt><dd>${w.contentId}</dd>` : ''}</dl></section>`;
}

function userSection(c: ConversationRecord): SafeHtml {
  const { user, app, locale } = c.envelope;
  return html`<section><h2>User</h2><dl>
<dt>Name</dt><dd>${user?.name ?? '–'}</dd>
<dt>Email</dt><dd>${user?.email ?? '–'}</dd>
<dt>Verified user</dt><dd>${c.author?.userId ?? '(none: the claimed user id is unverified)'}</dd>
<dt>Claimed id</dt><dd>${user?.id ?? '–'}</dd>
<dt>App</dt><dd>${app.id}${app.version ? ` ${app.version}` : ''}</dd>
<dt>Locale</dt><dd>${locale}</dd></dl></section>`;
}

function earlierSection(page: ConversationPage): SafeHtml {
  const note =
    page.earlierBy === 'claimed'
      ? html`<p class="muted">Matched on the user id the app claimed (not verified).</p>`
      : '';
  const items = page.earlier.map(
    (t) =>
      html`<li><a href="/inbox/tickets/${encodeURIComponent(t.id)}">${t.envelope.payload.subject || t.envelope.payload.category}</a> <span class="status status-${t.status}">${t.status}</span> <span class="muted">${t.createdAt.slice(0, 10)}</span></li>`,
  );
  return html`<section><h2>Earlier tickets</h2>${note}${items.length ? html`<ul>${items}</ul>` : html`<p class="muted">None.</p>`}</section>`;
}

function cannedPicker(page: ConversationPage, base: string): SafeHtml {
  const option = (a: FaqArticle) =>
    html`<option value="${a.id}"${page.picked?.id === a.id ? html` selected` : ''}>${a.title}</option>`;
  if (!page.canned.all.length) return html``;
  return html`<form method="get" action="${base}" class="canned">
<label for="canned">Canned answer from the FAQ</label>
<select id="canned" name="canned">
${page.canned.suggested.length ? html`<optgroup label="Suggested">${page.canned.suggested.map(option)}</optgroup>` : ''}
<optgroup label="All articles">${page.canned.all.map(option)}</optgroup></select>
<button type="submit">Use this answer</button></form>`;
}

function actions(c: ConversationRecord, base: string, agent?: PageAgent): SafeHtml {
  const statusForm = html`<form method="post" action="${base}/status">${csrfField(agent)}
<label for="status">Status</label>
<select id="status" name="status">${AGENT_STATUSES.map((s) => html`<option value="${s}"${s === c.status ? html` selected` : ''}>${s}</option>`)}</select>
<button type="submit">Set status</button></form>`;
  const ticket = c.ticketId
    ? html`<p>Turned into <a href="/inbox/tickets/${encodeURIComponent(c.ticketId)}">ticket ${c.ticketId}</a>.</p>`
    : html`<form method="post" action="${base}/ticket">${csrfField(agent)}
<label for="category">Turn into a ticket</label>
<select id="category" name="category">${TICKET_CATEGORIES.map((k) => html`<option value="${k}"${k === c.envelope.payload.handover?.topic ? html` selected` : ''}>${k}</option>`)}</select>
<button type="submit">Create ticket</button></form>`;
  return html`<section class="actions">${statusForm}${ticket}</section>`;
}

/**
 * One conversation: the messages (kept live by the console's script), the reply box with canned
 * answers, status and "turn into a ticket"; beside it the user, what they were watching, the
 * bot's hand-over, their diagnostics in plain words and their earlier tickets. Every string the
 * user sent is escaped, and nothing they sent becomes a link.
 */
export function renderConversation(page: ConversationPage, agent?: PageAgent): string {
  const c = page.conversation;
  const base = `/inbox/conversations/${encodeURIComponent(c.id)}`;
  const waited = waitedFor(c.waitingSince, page.now);
  const closed = c.status === 'closed';
  return layout(
    'Conversation',
    html`<div class="conversation">
<div class="thread-column">
<section><h1>Conversation</h1>
<p><span class="status status-${c.status}" data-live="status">${c.status}</span>${waited ? html` <span class="waited" data-live="waited">waiting ${waited}</span>` : ''} <span class="muted">${c.id}</span></p>
<ol class="messages" data-conversation="${c.id}" data-last-event="${c.lastEventId}" aria-live="polite" aria-label="Messages">${c.messages.map(messageItem)}</ol>
<p class="typing" data-live="typing" hidden>The user is typing…</p>
${cannedPicker(page, base)}
${page.problem ? html`<p class="error" role="alert">${page.problem}</p>` : ''}
${closed ? html`<p class="muted">This conversation is closed; reopen it (status below) to reply.</p>` : ''}
<form method="post" action="${base}/reply" class="reply">${csrfField(agent)}
<label for="body">Reply${page.picked ? html` <span class="muted">(from “${page.picked.title}”: edit before sending)</span>` : ''}</label>
<textarea id="body" name="body" required maxlength="4000">${page.draft}</textarea>
<button type="submit">Send reply</button></form>
</section>
${actions(c, base, agent)}
${surveySection(page.surveys ?? [], `${base}/survey`, agent)}
</div>
<aside class="context-column" aria-label="About the user">
${userSection(c)}
${watchSection(c)}
${handoverSection(page)}
<section><h2>Diagnostics</h2>${renderPlain(c.envelope.diagnostics)}</section>
${earlierSection(page)}
</aside></div>`,
    agent,
  );
}
