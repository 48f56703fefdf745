import * as z from 'zod/mini';
import type { TicketStatus } from '../../protocol';
import { createHelpdeskConnector } from './helpdesk-connector';
import { blobOf, createHelpdeskClient, type HttpConnectorOptions } from './client';
import { ConnectorError } from './connector-error';
import { markerOf, type Connector } from './types';

/** Options of {@link createFreshdeskConnector}. */
export interface FreshdeskOptions extends HttpConnectorOptions {
  /** `https://<domain>.freshdesk.com`. */
  url: string;
  /** An agent's API key (sent as basic auth user with password "X", as Freshdesk documents). */
  apiKey: string;
  /** The requester when the envelope names no email. @default 'unknown@kefu.invalid' */
  fallbackEmail?: string;
}

const ticket = z.object({ id: z.number(), status: z.number() });
const search = z.object({ results: z.array(z.object({ id: z.number() })) });
const conversation = z.object({
  id: z.number(),
  body_text: z.optional(z.string()),
  body: z.optional(z.string()),
  incoming: z.boolean(),
  private: z.boolean(),
  created_at: z.string(),
});

const STATUS: Record<number, TicketStatus> = { 2: 'open', 3: 'pending', 4: 'solved', 5: 'closed' };
// Freshdesk tags allow letters, digits, "-" and "_": the marker's colon becomes a dash.
const tagOf = (id: string) => markerOf(id).replace(':', '-');

/**
 * Freshdesk v2. A ticket is created in one multipart call with its files (`attachments[]`) and a
 * tag carrying the marker, which the search API finds before creating again. A user's reply is a
 * public note carrying the marker, looked up in the ticket's conversations.
 */
/* @__NO_SIDE_EFFECTS__ */
export function createFreshdeskConnector(options: FreshdeskOptions): Connector {
  const name = options.name ?? 'freshdesk';
  const api = createHelpdeskClient(
    name,
    options.url,
    { Authorization: `Basic ${btoa(`${options.apiKey}:X`)}` },
    options,
  );

  return createHelpdeskConnector({
    name,
    parentIs: 'its ticket to reach Freshdesk',
    async reply({ marker, rendered }, parent) {
      const thread = await api.json(
        z.array(conversation),
        `/api/v2/tickets/${parent}/conversations`,
        'list conversations',
      );
      const hit = thread.find((c) => (c.body_text ?? c.body ?? '').includes(marker));
      if (hit) return String(hit.id);
      return String(
        (
          await api.json(conversation, `/api/v2/tickets/${parent}/notes`, 'add note', {
            body: { body: rendered.html, private: false },
          })
        ).id,
      );
    },
    async create({ submission, envelope, rendered, context }) {
      const query = encodeURIComponent(`"tag:'${tagOf(submission.id)}'"`);
      const hits = await api.json(
        search,
        `/api/v2/search/tickets?query=${query}`,
        'search ticket by tag',
      );
      if (hits.results[0]) return String(hits.results[0].id);
      const form = new FormData();
      form.append(
        'email',
        envelope.user?.email ||
          (envelope.kind === 'ticket' && envelope.payload.contact?.email) ||
          options.fallbackEmail ||
          'unknown@kefu.invalid',
      );
      form.append('subject', rendered.subject);
      form.append('description', rendered.html);
      form.append('status', '2');
      form.append('priority', '1');
      form.append('tags[]', tagOf(submission.id));
      for (const a of await context.attachments())
        form.append('attachments[]', blobOf(a.bytes, a.meta.type), a.meta.name);
      if (rendered.diagnosticsFile)
        form.append(
          'attachments[]',
          blobOf(rendered.diagnosticsFile.bytes, 'application/json'),
          'diagnostics.json',
        );
      return String(
        (await api.json(ticket, '/api/v2/tickets', 'create ticket', { body: form })).id,
      );
    },
    async pull(ref) {
      const state = await api.json(ticket, `/api/v2/tickets/${ref}`, 'read ticket');
      const status = STATUS[state.status];
      if (!status)
        throw new ConnectorError(
          'bad_response',
          `${name} read ticket ${ref}: unknown status ${state.status}.`,
        );
      const thread = await api.json(
        z.array(conversation),
        `/api/v2/tickets/${ref}/conversations`,
        'list conversations',
      );
      const replies = thread
        .filter(
          (c) => !c.incoming && !c.private && !(c.body_text ?? c.body ?? '').includes('kefu:'),
        )
        .map((c) => ({ id: String(c.id), body: c.body_text ?? c.body ?? '', at: c.created_at }));
      return { status, replies };
    },
  });
}
