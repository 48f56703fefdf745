import * as z from 'zod/mini';
import type { TicketStatus } from '../../protocol';
import { createHelpdeskConnector } from './helpdesk-connector';
import { blobOf, createHelpdeskClient, type HttpConnectorOptions } from './client';
import { ConnectorError } from './connector-error';
import type { Connector } from './types';

/** Options of {@link createChatwootConnector}. */
export interface ChatwootOptions extends HttpConnectorOptions {
  /** The Chatwoot installation, e.g. `https://app.chatwoot.com`. */
  url: string;
  /** The API inbox's identifier (Settings → Inboxes → API channel); the public API needs no other key. */
  inboxIdentifier: string;
}

const contact = z.object({ source_id: z.string() });
const conversation = z.object({
  id: z.number(),
  status: z.optional(z.string()),
  messages: z.optional(
    z.array(
      z.object({
        id: z.number(),
        content: z.optional(z.nullable(z.string())),
        message_type: z.number(),
        created_at: z.number(),
      }),
    ),
  ),
});
const message = z.object({ id: z.number() });

const STATUS: Record<string, TicketStatus> = {
  open: 'open',
  pending: 'pending',
  snoozed: 'pending',
  resolved: 'solved',
};

/**
 * Chatwoot's public client API: one contact and one conversation per ticket, the description
 * as its first message with the files, replies as further messages. Delivery takes several calls,
 * so each step is remembered (contact, conversation) and a retry resumes where the last attempt
 * got to; the first message carries the marker and is looked up in the conversation first.
 */
/* @__NO_SIDE_EFFECTS__ */
export function createChatwootConnector(options: ChatwootOptions): Connector {
  const name = options.name ?? 'chatwoot';
  // The inbox identifier is the only credential and it sits in every path: kept out of messages.
  const api = createHelpdeskClient(
    name,
    options.url,
    {},
    { ...options, redact: [options.inboxIdentifier, encodeURIComponent(options.inboxIdentifier)] },
  );
  const inbox = `/public/api/v1/inboxes/${encodeURIComponent(options.inboxIdentifier)}`;
  // A ref is "<contact source id>/<conversation id>": the public API addresses both.
  const split = (ref: string) => {
    const [source, id] = ref.split('/');
    if (!source || !id)
      throw new ConnectorError('rejected', `${name}: "${ref}" is not a contact/conversation ref.`);
    return {
      path: `${inbox}/contacts/${encodeURIComponent(source)}/conversations/${id}`,
      source,
      id,
    };
  };
  const post = async (
    path: string,
    text: string,
    files: { name: string; type: string; bytes: Uint8Array }[],
    marker: string,
  ) => {
    const existing = await api.json(
      z.array(z.object({ id: z.number(), content: z.optional(z.nullable(z.string())) })),
      `${path}/messages`,
      'list messages',
    );
    const hit = existing.find((m) => m.content?.includes(marker));
    if (hit) return;
    const form = new FormData();
    form.append('content', text);
    for (const file of files)
      form.append('attachments[]', blobOf(file.bytes, file.type), file.name);
    await api.json(message, `${path}/messages`, 'add message', { body: form });
  };

  return createHelpdeskConnector({
    name,
    parentIs: 'its conversation to reach Chatwoot',
    async reply({ marker, rendered }, parent) {
      await post(split(parent).path, rendered.text, [], marker);
      return parent;
    },
    async create({ submission, envelope, marker, rendered, context }) {
      let source = await context.recall('contact');
      if (!source) {
        const user = envelope.user;
        source = (
          await api.json(contact, `${inbox}/contacts`, 'create contact', {
            body: {
              name: user?.name || 'App user',
              ...(user?.email ? { email: user.email } : {}),
              ...(user?.id ? { identifier: user.id } : {}),
            },
          })
        ).source_id;
        await context.remember('contact', source);
      }
      let id = await context.recall('conversation');
      if (!id) {
        id = String(
          (
            await api.json(
              conversation,
              `${inbox}/contacts/${encodeURIComponent(source)}/conversations`,
              'create conversation',
              { body: { custom_attributes: { kefu_id: submission.id } } },
            )
          ).id,
        );
        await context.remember('conversation', id);
      }
      const files = [
        ...(await context.attachments()).map((a) => ({
          name: a.meta.name,
          type: a.meta.type,
          bytes: a.bytes,
        })),
        ...(rendered.diagnosticsFile ? [rendered.diagnosticsFile] : []),
      ];
      await post(
        `${inbox}/contacts/${encodeURIComponent(source)}/conversations/${id}`,
        rendered.text,
        files,
        marker,
      );
      return `${source}/${id}`;
    },
    async pull(ref) {
      const { path } = split(ref);
      const state = await api.json(conversation, path, 'read conversation');
      const status = STATUS[state.status ?? ''];
      if (!status)
        throw new ConnectorError(
          'bad_response',
          `${name} read conversation ${ref}: unknown status "${state.status}".`,
        );
      const messages = await api.json(
        z.array(
          z.object({
            id: z.number(),
            content: z.optional(z.nullable(z.string())),
            message_type: z.number(),
            created_at: z.number(),
          }),
        ),
        `${path}/messages`,
        'list messages',
      );
      // message_type 1 is outgoing: an agent's answer (0 is the contact's own message).
      const replies = messages
        .filter((m) => m.message_type === 1 && m.content)
        .map((m) => ({
          id: String(m.id),
          body: m.content ?? '',
          at: new Date(m.created_at * 1000).toISOString(),
        }));
      return { status, replies };
    },
  });
}
