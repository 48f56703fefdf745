import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { ticketStatusSchema } from '../../../src/protocol';
import { openAttachment, type RelayStore } from '../../../src/relay';
import { INBOX_CSS, INBOX_HEADERS, layout } from './layout';
import { renderInbox } from './render-list';
import { renderTicket } from './render-ticket';
import { html } from './html';

const MAX_FORM_BYTES = 64 * 1024;

function page(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, INBOX_HEADERS).end(body);
}

function notFound(res: ServerResponse, what: string): void {
  page(res, 404, layout('Not found', html`<section><h1>Not found</h1><p>${what}</p></section>`));
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) return undefined;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** An attachment's file name for Content-Disposition: ASCII fallback plus the exact UTF-8 name. */
function disposition(name: string): string {
  const ascii = name.replace(/[^\w.\- ]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * The agent's side: `/inbox`, a ticket page with reply and status forms, and attachment
 * downloads. Answers false for paths it does not own. Form posts must come from the inbox itself
 * (Origin or Sec-Fetch-Site), so another site cannot make an agent's browser post a reply.
 */
export async function handleInbox(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  store: RelayStore,
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
  if (path === '/inbox' || path === '/inbox/') {
    const [tickets, feedback, events] = await Promise.all([
      store.listTickets({ limit: 200 }),
      store.listSubmissions({ kind: 'feedback', limit: 200 }),
      store.eventCounts({ limit: 50 }),
    ]);
    const forwarding = await Promise.all(tickets.map((t) => store.forwardQueue?.status(t.id)));
    page(res, 200, renderInbox(tickets, feedback, events, forwarding));
    return true;
  }
  const match = /^\/inbox\/tickets\/([^/]+)(?:\/(reply|status|attachments\/([^/]+)))?$/.exec(path);
  if (!match) return (notFound(res, 'No such page.'), true);
  const id = decodeURIComponent(match[1]!);
  const ticket = await store.getTicket(id);
  if (!ticket) return (notFound(res, `There is no ticket ${id}.`), true);
  const back = `/inbox/tickets/${encodeURIComponent(id)}`;

  if (match[3] !== undefined) {
    // Streamed where the store can (SQLite, PostgreSQL): a 50 MB video costs one chunk of memory.
    const file = await openAttachment(store, id, decodeURIComponent(match[3]));
    if (!file) return (notFound(res, 'No such attachment.'), true);
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
    page(res, 200, renderTicket(ticket, await store.forwardQueue?.status(id)));
    return true;
  }
  if (req.method !== 'POST') return (res.writeHead(405, { Allow: 'POST' }).end(), true);
  const origin = req.headers.origin;
  const sameSite = origin ? origin === url.origin : req.headers['sec-fetch-site'] === 'same-origin';
  if (!sameSite)
    return (
      page(
        res,
        403,
        layout('Refused', html`<section><p>Forms are accepted from the inbox only.</p></section>`),
      ),
      true
    );
  const form = await readForm(req);
  const now = new Date().toISOString();
  if (match[2] === 'reply') {
    const body = form?.get('body')?.trim();
    if (!body)
      return (
        page(res, 400, layout('Empty reply', html`<section><p>Write a reply first.</p></section>`)),
        true
      );
    await store.addAgentReply(id, body, now);
  } else {
    const status = ticketStatusSchema.safeParse(form?.get('status'));
    if (!status.success)
      return (
        page(
          res,
          400,
          layout(
            'Bad status',
            html`<section><p>Pick open, pending, solved or closed.</p></section>`,
          ),
        ),
        true
      );
    await store.setStatus(id, status.data, now);
  }
  res.writeHead(303, { Location: back }).end();
  return true;
}
