import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AgentPresence, InboxEntry, RelayStore, TicketRecord } from '../../../src/relay';
import type { ConsoleAuth } from '../console-auth';
import { readForm } from '../console-auth/form';
import type { FaqSource } from './canned';
import { handleConversation } from './conversation-routes';
import type { EventFeed } from './event-feed';
import { html } from './html';
import { layout, type PageAgent } from './layout';
import { loadPresence, pageAgent } from './page-agent';
import { renderList, watchingOf } from './render-list';
import { inboxOrder, ticketEntry, ticketNumber } from '../../../src/relay';
import { decodeSegment, notFound, onlyPost, page } from './respond';
import { handleTicket } from './ticket-routes';

/** What the console works with. */
export interface ConsoleContext {
  store: RelayStore;
  auth: ConsoleAuth;
  /** The FAQ the canned answers come from. */
  faq?: FaqSource;
  /** The console's event streams (absent when the store has no conversations). */
  feed?: EventFeed;
}

const ASSETS = join(dirname(fileURLToPath(import.meta.url)), 'assets');
// Read once: the console's files are part of the server, not something that changes while it runs.
const assets = new Map<string, { type: string; body: string }>();
function asset(name: 'console.css' | 'console.js') {
  let found = assets.get(name);
  if (!found) {
    const type = name.endsWith('.css') ? 'text/css' : 'text/javascript';
    found = { type: `${type}; charset=utf-8`, body: readFileSync(join(ASSETS, name), 'utf8') };
    assets.set(name, found);
  }
  return found;
}

// How many entries the list shows (and tickets it loads to show them).
const LIST_LIMIT = 200;

/** What a ticket's line shows beyond its entry: the number the user was told, watch, flags. */
const infoOf = (t: TicketRecord) => ({
  number: ticketNumber(t.envelope.id),
  watching: watchingOf(t),
  urgent: t.envelope.payload.priority === 'urgent',
  vip: Boolean(t.envelope.payload.vip),
});

/**
 * The tickets behind the list's ticket entries, each read once: from `loaded` (what the list was
 * made from, on a store without conversations), else one by one.
 */
async function ticketsOf(store: RelayStore, tickets: InboxEntry[], loaded?: TicketRecord[]) {
  const byId = new Map((loaded ?? []).map((t) => [t.id, t]));
  const missing = tickets.filter((e) => !byId.has(e.id));
  for (const t of await Promise.all(missing.map((e) => store.getTicket(e.id))))
    if (t) byId.set(t.id, t);
  return new Map(
    tickets.flatMap((e) => {
      const ticket = byId.get(e.id);
      return ticket ? [[e.id, infoOf(ticket)] as const] : [];
    }),
  );
}

async function showList(
  ctx: ConsoleContext,
  res: ServerResponse,
  agent: PageAgent,
  presence: AgentPresence[],
) {
  const { store } = ctx;
  const [inbox, loaded, feedback, events] = await Promise.all([
    store.conversations?.listInbox({ limit: LIST_LIMIT }),
    store.conversations ? undefined : store.listTickets({ limit: LIST_LIMIT }),
    store.listSubmissions({ kind: 'feedback', limit: 200 }),
    store.eventCounts({ limit: 50 }),
  ]);
  // Without conversations nothing can mark a ticket read (markRead is theirs): none counts unread.
  const entries =
    inbox ?? (loaded ?? []).map((t) => ticketEntry(t, t.replies.at(-1)?.id)).sort(inboxOrder);
  const tickets = entries.filter((e) => e.kind === 'ticket');
  const [statuses, ticketInfo] = await Promise.all([
    Promise.all(tickets.map((t) => store.forwardQueue?.status(t.id))),
    ticketsOf(store, tickets, loaded),
  ]);
  const forwarding = new Map(tickets.map((t, i) => [t.id, statuses[i]]));
  page(
    res,
    200,
    renderList(
      { entries, forwarding, ticketInfo, presence, feedback, events, now: Date.now() },
      agent,
    ),
  );
}

/**
 * The agent console under `/inbox`: conversations and tickets in one list, a page per
 * conversation and per ticket, live updates through the console's own event stream, agent
 * presence, all behind the console's sign-in (`ctx.auth`). Answers false for paths it does not
 * own. Every form carries the session's CSRF token and must come from the console itself
 * (Origin or Sec-Fetch-Site); each agent action writes an audit line.
 */
export async function handleConsole(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: ConsoleContext,
): Promise<boolean> {
  const path = url.pathname;
  if (path !== '/inbox' && !path.startsWith('/inbox/')) return false;
  if (path === '/inbox/console.css' || path === '/inbox/console.js') {
    const file = asset(path === '/inbox/console.css' ? 'console.css' : 'console.js');
    res
      .writeHead(200, {
        'Content-Type': file.type,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      })
      .end(file.body);
    return true;
  }
  const { auth, store } = ctx;
  if (await auth.handle(req, res, url)) return true;
  const session = await auth.require(req, res, url);
  if (!session) return true;
  const presence = await loadPresence(store);
  const agent = pageAgent(session, presence);
  const who = { agent: session.agent.email };
  if (path === '/inbox/agents/invite') {
    if (req.method !== 'POST') return onlyPost(res);
    if (!auth.checkForm(req, res, session, await readForm(req))) return true;
    const link = new URL(await auth.createInvite(), url.origin).href;
    auth.audit(req, 'agent-invited', who);
    const body = html`<section><h1>Invite an agent</h1><p>Send this one-time link to the new agent; it works once, for 24 hours:</p><p class="invite">${link}</p></section>`;
    page(res, 200, layout('Invite an agent', body, agent));
    return true;
  }
  if (path === '/inbox/presence') {
    if (req.method !== 'POST') return onlyPost(res);
    const form = await readForm(req);
    if (!auth.checkForm(req, res, session, form)) return true;
    const state = form.get('state') === 'on-duty' ? 'on-duty' : 'away';
    await store.conversations?.setPresence(
      { agentId: session.agent.id, name: session.agent.name },
      state,
      new Date().toISOString(),
    );
    auth.audit(req, 'presence', { ...who, detail: state });
    res.writeHead(303, { Location: '/inbox' }).end();
    return true;
  }
  if (path === '/inbox/events') {
    if (!ctx.feed) return (notFound(res, 'This store keeps no event log.', agent), true);
    ctx.feed.stream(req, res, url, session);
    return true;
  }
  if (path === '/inbox' || path === '/inbox/')
    return (await showList(ctx, res, agent, presence), true);
  const match = /^\/inbox\/(tickets|conversations)\/([^/]+)(?:\/(.+))?$/.exec(path);
  const id = match && decodeSegment(match[2]!);
  if (!match || id === undefined || id === null) {
    notFound(res, match ? 'That address is not valid percent-encoding.' : 'No such page.', agent);
    return true;
  }
  if (match[1] === 'tickets') await handleTicket(ctx, req, res, session, agent, id, match[3]);
  else if (match[3] === undefined || /^(reply|status|typing|read|ticket|survey)$/.test(match[3]))
    await handleConversation(ctx, req, res, url, session, agent, id, match[3]);
  else notFound(res, 'No such page.', agent);
  return true;
}
