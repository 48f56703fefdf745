import * as z from 'zod/mini';
import type { TicketStatus } from '../../protocol';
import { createHelpdeskConnector } from './helpdesk-connector';
import { ConnectorError } from './connector-error';
import { expectShape, helpdeskRequest } from './http';
import { toBase64 } from './render';
import type { Connector } from './types';

/** Options of {@link createRequestTrackerConnector}. */
export interface RequestTrackerOptions {
  /** RT's base URL, without `/REST/2.0`, e.g. `https://rt.example.com`. */
  url: string;
  /** An auth token (RT ≥ 4.4 "Auth tokens"), or a user and password for basic auth. */
  auth: { token: string } | { user: string; password: string };
  /** The queue new tickets go to. @default 'General' */
  queue?: string;
  /** More fields for every new ticket (`Owner`, `Status`, `CustomFields`…), as RT's REST 2 names them. @default {} */
  ticketFields?: Record<string, unknown>;
  /** @default 'rt' */
  name?: string;
  /** @default 15000 */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const created = z.object({ id: z.union([z.string(), z.number()]) });
const list = z.object({ items: z.array(z.object({ id: z.union([z.string(), z.number()]) })) });
const attachments = z.object({
  items: z.array(
    z.object({
      TransactionId: z.optional(z.union([z.string(), z.number()])),
      Content: z.optional(z.string()),
      ContentType: z.optional(z.string()),
    }),
  ),
});
const history = z.object({
  items: z.array(
    z.object({ id: z.union([z.string(), z.number()]), Type: z.string(), Created: z.string() }),
  ),
});
const ticket = z.object({ Status: z.string() });

// RT's lifecycle has more states than the wire protocol; each maps to what a user should read.
const STATUS: Record<string, TicketStatus> = {
  new: 'open',
  open: 'open',
  stalled: 'pending',
  resolved: 'solved',
  rejected: 'closed',
  deleted: 'closed',
};

/**
 * Request Tracker through REST 2. A ticket (or feedback) becomes an RT ticket whose subject ends
 * with `[kefu:<envelope id>]`, with the user's files and `diagnostics.json` attached in the one
 * create call (so a ticket never exists without its files). Before creating, a TicketSQL search
 * on that marker finds a ticket created by an attempt whose answer was lost. A reply becomes
 * correspondence carrying the marker in its text, looked up the same way on the ticket.
 */
/* @__NO_SIDE_EFFECTS__ */
export function createRequestTrackerConnector(options: RequestTrackerOptions): Connector {
  const name = options.name ?? 'rt';
  const base = `${options.url.replace(/\/+$/, '')}/REST/2.0`;
  const authorization =
    'token' in options.auth
      ? `token ${options.auth.token}`
      : `Basic ${btoa(`${options.auth.user}:${options.auth.password}`)}`;
  const call = (path: string, action: string, init: RequestInit = {}) =>
    helpdeskRequest(
      `${base}${path}`,
      {
        ...init,
        headers: {
          Authorization: authorization,
          'Content-Type': 'application/json',
          Accept: 'application/json',
          ...init.headers,
        },
      },
      {
        connector: name,
        action,
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
      },
    );

  const findTicket = async (marker: string) => {
    const query = encodeURIComponent(`Subject LIKE '${marker}'`);
    const found = expectShape(
      list,
      await call(`/tickets?query=${query}&per_page=2`, 'search ticket by marker'),
      `${name} search`,
    );
    return found.items[0] && String(found.items[0].id);
  };
  const ticketTexts = async (ref: string) =>
    expectShape(
      attachments,
      await call(
        `/ticket/${encodeURIComponent(ref)}/attachments?fields=TransactionId,Content,ContentType&per_page=100`,
        'read ticket attachments',
      ),
      `${name} attachments`,
    ).items;
  const findReply = async (ref: string, marker: string) => {
    const hit = (await ticketTexts(ref)).find(
      (a) => a.ContentType === 'text/plain' && a.Content?.includes(`[${marker}]`),
    );
    return hit && `${ref}/${hit.TransactionId}`;
  };

  return createHelpdeskConnector({
    name,
    parentIs: 'its ticket to reach RT',
    async reply({ marker, rendered }, parent) {
      const existing = await findReply(parent, marker);
      if (existing) return existing;
      await call(`/ticket/${encodeURIComponent(parent)}/correspond`, 'add correspondence', {
        method: 'POST',
        body: JSON.stringify({ Content: rendered.text, ContentType: 'text/plain' }),
      });
      // RT answers correspondence with a message, not an id: the marker finds the transaction.
      return (await findReply(parent, marker)) ?? parent;
    },
    async create({ marker, rendered, context }) {
      const existing = await findTicket(marker);
      if (existing) return existing;
      const files = (await context.attachments()).map((a) => ({
        FileName: a.meta.name,
        FileType: a.meta.type,
        FileContent: toBase64(a.bytes),
      }));
      if (rendered.diagnosticsFile)
        files.push({
          FileName: rendered.diagnosticsFile.name,
          FileType: rendered.diagnosticsFile.type,
          FileContent: toBase64(rendered.diagnosticsFile.bytes),
        });
      const body = {
        Queue: options.queue ?? 'General',
        ...options.ticketFields,
        Subject: rendered.subject,
        Content: rendered.text,
        ContentType: 'text/plain',
        ...(files.length ? { Attachments: files } : {}),
      };
      const answer = expectShape(
        created,
        await call('/ticket', 'create ticket', { method: 'POST', body: JSON.stringify(body) }),
        `${name} create ticket`,
      );
      return String(answer.id);
    },
    async pull(ref) {
      const state = expectShape(
        ticket,
        await call(`/ticket/${encodeURIComponent(ref)}`, 'read ticket'),
        `${name} read ticket`,
      );
      const status = STATUS[state.Status];
      if (!status)
        throw new ConnectorError(
          'bad_response',
          `${name} read ticket ${ref}: unknown RT status "${state.Status}".`,
        );
      const correspondence = expectShape(
        history,
        await call(
          `/ticket/${encodeURIComponent(ref)}/history?fields=Type,Created&per_page=100`,
          'read history',
        ),
        `${name} history`,
      ).items.filter((t) => t.Type === 'Correspond');
      const texts = await ticketTexts(ref);
      const replies = correspondence.flatMap((t) => {
        const text = texts.find(
          (a) => String(a.TransactionId) === String(t.id) && a.ContentType === 'text/plain',
        )?.Content;
        // Correspondence carrying a kefu marker is the user's own reply, already in the thread.
        return text === undefined || text.includes('[kefu:')
          ? []
          : [{ id: String(t.id), body: text, at: new Date(t.Created).toISOString() }];
      });
      return { status, replies };
    },
  });
}
