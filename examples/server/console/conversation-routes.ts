import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_MESSAGE_CHARS } from '../../../src/protocol';
import {
  createTypingThrottle,
  TYPING_MS,
  type ConversationRecord,
  type RelayStore,
  type TicketRecord,
} from '../../../src/relay';
import type { AgentSession, ConsoleAuth } from '../console-auth';
import { readForm } from '../console-auth/form';
import { articleAsReply, cannedAnswers, type FaqSource, findArticle } from './canned';
import type { PageAgent } from './layout';
import { AGENT_STATUSES, renderConversation, TICKET_CATEGORIES } from './render-conversation';
import { surveyAnswers } from './render-survey';
import { json, notFound, onlyPost, page, wantsJson } from './respond';

/** What the conversation routes work with. */
export interface ConversationContext {
  store: RelayStore;
  auth: ConsoleAuth;
  faq?: FaqSource;
  now?: () => number;
}

const EARLIER_TICKETS = 10;
// One typing event per agent and conversation per TYPING_EVERY_MS reaches the log.
const agentTyping = createTypingThrottle();

/** The user's earlier tickets: by verified user id, else by the id the app claimed. */
async function earlierTickets(store: RelayStore, c: ConversationRecord) {
  const verified = c.author?.userId;
  const claimed = c.envelope.user?.id;
  if (!verified && !claimed) return { earlier: [], earlierBy: 'none' as const };
  const tickets = await store.listTickets({ limit: 1000 });
  const mine = (t: TicketRecord) =>
    verified ? t.author?.userId === verified : t.envelope.user?.id === claimed;
  const earlier = tickets
    .filter(mine)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .slice(0, EARLIER_TICKETS);
  return { earlier, earlierBy: verified ? ('verified' as const) : ('claimed' as const) };
}

async function showConversation(
  ctx: ConversationContext,
  res: ServerResponse,
  c: ConversationRecord,
  agent: PageAgent,
  extra: { draft?: string; canned?: string; problem?: string; status?: number } = {},
) {
  const locale = c.envelope.locale;
  const handover = c.envelope.payload.handover;
  const shown = [
    ...(handover?.articleId ? [handover.articleId] : []),
    ...(handover?.transcript.flatMap((t) => t.articleIds ?? []) ?? []),
  ];
  const query = handover?.query ?? c.envelope.payload.body;
  const picked = extra.canned ? findArticle(ctx.faq, locale, extra.canned) : undefined;
  const body = renderConversation(
    {
      conversation: c,
      ...(await earlierTickets(ctx.store, c)),
      canned: cannedAnswers(ctx.faq, locale, query, [...new Set(shown)]),
      draft: extra.draft ?? (picked ? articleAsReply(picked) : ''),
      ...(picked ? { picked } : {}),
      ...(extra.problem ? { problem: extra.problem } : {}),
      articleTitles: new Map(
        shown.map((a) => [a, findArticle(ctx.faq, locale, a)?.title ?? a] as const),
      ),
      now: (ctx.now ?? Date.now)(),
      surveys: await surveyAnswers(ctx.store, { conversationId: c.id }),
    },
    agent,
  );
  page(res, extra.status ?? 200, body);
}

/**
 * `/inbox/conversations/{id}` and its actions (`reply`, `status`, `typing`, `read`, `ticket`,
 * `survey`; a status that ends the conversation asks the survey too): the page
 * marks the conversation read for the agents; every action checks the form's origin and CSRF
 * token and writes an audit line. Answers JSON to the console's script, pages to a plain form.
 */
export async function handleConversation(
  ctx: ConversationContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  session: AgentSession,
  agent: PageAgent,
  id: string,
  action: string | undefined,
): Promise<void> {
  const conversations = ctx.store.conversations;
  const c = await conversations?.getConversation(id);
  if (!conversations || !c) return notFound(res, `There is no conversation ${id}.`, agent);
  const who = { agent: session.agent.email, ticket: id };
  const at = () => new Date((ctx.now ?? Date.now)()).toISOString();
  const back = `/inbox/conversations/${encodeURIComponent(id)}`;
  const askSurvey = async () => {
    await conversations.requestSurvey(id, crypto.randomUUID(), at());
    ctx.auth.audit(req, 'survey', who);
  };
  if (action === undefined) {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return void res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    ctx.auth.audit(req, 'view-conversation', who);
    const last = c.messages.at(-1);
    if (last && last.id !== c.readUpTo.agent)
      await conversations.markRead(id, 'agent', last.id, at());
    return showConversation(ctx, res, c, agent, {
      ...(url.searchParams.get('canned') ? { canned: url.searchParams.get('canned')! } : {}),
    });
  }
  if (req.method !== 'POST') return void onlyPost(res);
  const form = await readForm(req);
  if (!ctx.auth.checkForm(req, res, session, form)) return;
  const js = wantsJson(req);
  const fail = (status: number, problem: string, draft?: string) =>
    js
      ? json(res, status, { error: { message: problem } })
      : showConversation(ctx, res, c, agent, { problem, status, draft: draft ?? '' });
  const done = (body: unknown = { ok: true }, location = back) =>
    js ? json(res, 200, body) : void res.writeHead(303, { Location: location }).end();

  if (action === 'reply') {
    const text = (form.get('body') ?? '').trim();
    if (!text) return fail(400, 'Write a reply first.');
    if (text.length > MAX_MESSAGE_CHARS)
      return fail(
        422,
        `A reply holds at most ${MAX_MESSAGE_CHARS} characters; this one has ${text.length}. Shorten it and send again.`,
        text,
      );
    const event = await conversations.addAgentMessage(id, {
      body: text,
      agentName: session.agent.name,
      at: at(),
    });
    if (!event) return fail(409, 'This conversation is closed; reopen it to reply.', text);
    ctx.auth.audit(req, 'reply', who);
    return done({ ok: true, event });
  }
  if (action === 'status') {
    const status = AGENT_STATUSES.find((s) => s === form.get('status'));
    if (!status) return fail(400, `Pick a status: ${AGENT_STATUSES.join(', ')}.`);
    await conversations.setConversationStatus(id, status, at());
    ctx.auth.audit(req, 'status', { ...who, detail: status });
    // Ending a conversation that was going asks the user how it went, once: solved → closed
    // does not ask again.
    const ended = (s: string) => s === 'solved' || s === 'closed';
    if (ended(status) && !ended(c.status)) await askSurvey();
    return done();
  }
  if (action === 'survey') {
    await askSurvey();
    return done();
  }
  if (action === 'typing') {
    const now = (ctx.now ?? Date.now)();
    if (!agentTyping.pass(`${session.agent.id} ${id}`, now)) return done();
    await conversations.typing(id, 'agent', new Date(now + TYPING_MS).toISOString(), at());
    return done();
  }
  if (action === 'read') {
    const last = c.messages.at(-1);
    if (last) await conversations.markRead(id, 'agent', last.id, at());
    return done();
  }
  if (action === 'ticket') {
    const category = TICKET_CATEGORIES.find((k) => k === form.get('category'));
    if (!category) return fail(400, `Pick a category: ${TICKET_CATEGORIES.join(', ')}.`);
    // Its subject defaults to the conversation's title (first message, one line, 120 characters).
    const ticket = await conversations.convertToTicket(id, { category, at: at() });
    if (!ticket) return notFound(res, `There is no conversation ${id}.`, agent);
    ctx.auth.audit(req, 'conversation-to-ticket', { ...who, detail: ticket.id });
    return done(
      { ok: true, ticketId: ticket.id },
      `/inbox/tickets/${encodeURIComponent(ticket.id)}`,
    );
  }
  notFound(res, 'No such page.', agent);
}
