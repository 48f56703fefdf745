import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { ticketStatusSchema } from '../../../src/protocol';
import { openAttachment, type RelayStore } from '../../../src/relay';
import type { AgentSession, ConsoleAuth } from '../console-auth';
import { readForm } from '../console-auth/form';
import { INBOX_CSS, INBOX_HEADERS, layout, type PageAgent } from './layout';
import { renderInbox } from './render-list';
import { renderTicket } from './render-ticket';
import { html } from './html';

function page(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, INBOX_HEADERS).end(body);
}

function notFound(res: ServerResponse, what: string, agent?: PageAgent): void {
  page(
    res,
    404,
    layout('Not found', html`<section><h1>Not found</h1><p>${what}</p></section>`, agent),
  );
}

const pageAgent = (session: AgentSession): PageAgent => ({
  name: session.agent.name,
  csrf: session.csrf,
});

/** An attachment's file name for Content-Disposition: ASCII fallback plus the exact UTF-8 name. */
function disposition(name: string): string {
  const ascii = name.replace(/[^\w.\- ]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * The agent's side: `/inbox`, a ticket page with reply and status forms, and attachment
 * downloads, all behind the console's sign-in (`auth`). Answers false for paths it does not own.
 * Every form carries the session's CSRF token and must come from the inbox itself (Origin or
 * Sec-Fetch-Site); each agent action writes an audit line.
 */
export async function handleInbox(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  store: RelayStore,
  auth: ConsoleAuth,
): Promise<boolean> {
  const path = url.pathname;
  if (path !== '/inbox' && !path.startsWith('/inbox/')) return false;
  if (path === '/inbox/inbox.css') {
    res
      .writeHead(200, {
        'Content-Type': 'text/css; charset=utf-8',
        'X-Content-Type-Options': 'nosniff',
      })
      .end(INBOX_CSS);
    return true;
  }
  if (await auth.handle(req, res, url)) return true;
  const session = await auth.require(req, res, url);
  if (!session) return true;
  const agent = pageAgent(session);
  const who = { agent: session.agent.email };
  if (path === '/inbox/agents/invite') {
    if (req.method !== 'POST') return (res.writeHead(405, { Allow: 'POST' }).end(), true);
    if (!auth.checkForm(req, res, session, await readForm(req))) return true;
    const link = new URL(await auth.createInvite(), url.origin).href;
    auth.audit(req, 'agent-invited', who);
    page(
      res,
      200,
      layout(
        'Invite an agent',
        html`<section><h1>Invite an agent</h1><p>Send this one-time link to the new agent; it works once, for 24 hours:</p><p class="invite">${link}</p></section>`,
        agent,
      ),
    );
    return true;
  }
  if (path === '/inbox' || path === '/inbox/') {
    const [tickets, feedback, events] = await Promise.all([
      store.listTickets({ limit: 200 }),
      store.listSubmissions({ kind: 'feedback', limit: 200 }),
      store.eventCounts({ limit: 50 }),
    ]);
    const forwarding = await Promise.all(tickets.map((t) => store.forwardQueue?.status(t.id)));
    page(res, 200, renderInbox(tickets, feedback, events, forwarding, agent));
    return true;
  }
  const match = /^\/inbox\/tickets\/([^/]+)(?:\/(reply|status|attachments\/([^/]+)))?$/.exec(path);
  if (!match) return (notFound(res, 'No such page.', agent), true);
  let id: string;
  let part: string | undefined;
  try {
    id = decodeURIComponent(match[1]!);
    part = match[3] === undefined ? undefined : decodeURIComponent(match[3]);
  } catch {
    return (notFound(res, 'That address is not valid percent-encoding.', agent), true);
  }
  const ticket = await store.getTicket(id);
  if (!ticket) return (notFound(res, `There is no ticket ${id}.`, agent), true);
  const back = `/inbox/tickets/${encodeURIComponent(id)}`;

  if (part !== undefined) {
    // Streamed where the store can (SQLite, PostgreSQL): a 50 MB video costs one chunk of memory.
    const file = await openAttachment(store, id, part);
    if (!file) return (notFound(res, 'No such attachment.', agent), true);
    auth.audit(req, 'download-attachment', { ...who, ticket: id, detail: part });
    // Never rendered by the browser: downloaded, typed as opaque bytes, and sandboxed if opened.
    res.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': disposition(file.meta.name),
      'Content-Length': String(file.meta.size),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
    // pipeline waits for the agent's browser to take each chunk, and an agent who cancels the
    // download cancels the stream, which stops the store's reads. A store failing midway cuts the
    // connection: the download ends short of Content-Length, which the browser reports as failed.
    await pipeline(Readable.fromWeb(file.stream as NodeReadableStream<Uint8Array>), res).catch(() =>
      res.destroy(),
    );
    return true;
  }
  if (match[2] === undefined) {
    auth.audit(req, 'view-ticket', { ...who, ticket: id });
    page(res, 200, renderTicket(ticket, await store.forwardQueue?.status(id), agent));
    return true;
  }
  if (req.method !== 'POST') return (res.writeHead(405, { Allow: 'POST' }).end(), true);
  const form = await readForm(req);
  if (!auth.checkForm(req, res, session, form)) return true;
  const now = new Date().toISOString();
  if (match[2] === 'reply') {
    const body = form.get('body')?.trim();
    if (!body)
      return (
        page(
          res,
          400,
          layout('Empty reply', html`<section><p>Write a reply first.</p></section>`, agent),
        ),
        true
      );
    await store.addAgentReply(id, body, now);
    auth.audit(req, 'reply', { ...who, ticket: id });
  } else {
    const status = ticketStatusSchema.safeParse(form.get('status'));
    if (!status.success)
      return (
        page(
          res,
          400,
          layout(
            'Bad status',
            html`<section><p>Pick open, pending, solved or closed.</p></section>`,
            agent,
          ),
        ),
        true
      );
    await store.setStatus(id, status.data, now);
    auth.audit(req, 'status', { ...who, ticket: id, detail: status.data });
  }
  res.writeHead(303, { Location: back }).end();
  return true;
}
