import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { ticketStatusSchema } from '../../../src/protocol';
import { openAttachment, type RelayStore } from '../../../src/relay';
import type { AgentSession, ConsoleAuth } from '../console-auth';
import { readForm } from '../console-auth/form';
import { html } from './html';
import { layout, type PageAgent } from './layout';
import { renderTicket } from './render-ticket';
import { surveyAnswers } from './render-survey';
import { decodeSegment, notFound, onlyPost, page } from './respond';

/** An attachment's file name for Content-Disposition: ASCII fallback plus the exact UTF-8 name. */
function disposition(name: string): string {
  const ascii = name.replace(/[^\w.\- ]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * `/inbox/tickets/{id}` with its `reply` and `status` forms and `attachments/{part}` downloads.
 * `rest` is what follows the id in the path.
 */
export async function handleTicket(
  ctx: { store: RelayStore; auth: ConsoleAuth },
  req: IncomingMessage,
  res: ServerResponse,
  session: AgentSession,
  agent: PageAgent,
  id: string,
  rest: string | undefined,
): Promise<void> {
  const { store, auth } = ctx;
  const ticket = await store.getTicket(id);
  if (!ticket) return notFound(res, `There is no ticket ${id}.`, agent);
  const who = { agent: session.agent.email, ticket: id };
  const file = rest?.startsWith('attachments/') ? rest.slice(12) : undefined;
  if (file !== undefined) {
    const part = file.includes('/') ? undefined : decodeSegment(file);
    if (part === undefined) return notFound(res, 'No such attachment.', agent);
    // Streamed where the store can (SQLite, PostgreSQL): a 50 MB video costs one chunk of memory.
    const opened = await openAttachment(store, id, part);
    if (!opened) return notFound(res, 'No such attachment.', agent);
    auth.audit(req, 'download-attachment', { ...who, detail: part });
    // Never rendered by the browser: downloaded, typed as opaque bytes, and sandboxed if opened.
    res.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': disposition(opened.meta.name),
      'Content-Length': String(opened.meta.size),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
    // pipeline waits for the agent's browser to take each chunk, and an agent who cancels the
    // download cancels the stream, which stops the store's reads. A store failing midway cuts the
    // connection: the download ends short of Content-Length, which the browser reports as failed.
    const bytes = Readable.fromWeb(opened.stream as NodeReadableStream<Uint8Array>);
    await pipeline(bytes, res).catch(() => res.destroy());
    return;
  }
  if (rest === undefined) {
    auth.audit(req, 'view-ticket', who);
    // The log's end is read before the ticket: the page's script follows the log from there, so
    // a reply stored between the two reads arrives live (once: the script drops a reply shown).
    const lastEventId = await store.conversations?.lastEventId();
    const shown = (await store.getTicket(id)) ?? ticket;
    const forward = await store.forwardQueue?.status(id);
    const surveys = await surveyAnswers(store, { ticketId: id });
    return page(res, 200, renderTicket(shown, forward, agent, surveys, lastEventId));
  }
  if (rest !== 'reply' && rest !== 'status') return notFound(res, 'No such page.', agent);
  if (req.method !== 'POST') return void onlyPost(res);
  const form = await readForm(req);
  if (!auth.checkForm(req, res, session, form)) return;
  const now = new Date().toISOString();
  const problem = (title: string, text: string) =>
    page(res, 400, layout(title, html`<section><p>${text}</p></section>`, agent));
  if (rest === 'reply') {
    const body = form.get('body')?.trim();
    if (!body) return problem('Empty reply', 'Write a reply first.');
    await store.addAgentReply(id, body, now);
    auth.audit(req, 'reply', who);
  } else {
    const status = ticketStatusSchema.safeParse(form.get('status'));
    if (!status.success) return problem('Bad status', 'Pick open, pending, solved or closed.');
    await store.setStatus(id, status.data, now);
    auth.audit(req, 'status', { ...who, detail: status.data });
  }
  res.writeHead(303, { Location: `/inbox/tickets/${encodeURIComponent(id)}` }).end();
}
