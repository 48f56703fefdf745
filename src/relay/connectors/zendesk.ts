import * as z from 'zod/mini';
import type { TicketStatus } from '../../protocol';
import { createHelpdeskConnector } from './helpdesk-connector';
import { createHelpdeskClient, type HttpConnectorOptions } from './client';
import { ConnectorError } from './connector-error';
import type { Connector } from './types';

/** Options of {@link createZendeskConnector}. */
export interface ZendeskOptions extends HttpConnectorOptions {
  /** `https://<subdomain>.zendesk.com`. */
  url: string;
  /**
   * `anonymous`: the help center's anonymous requests (the requester named in each request; no
   * lookup, reply or sync, which Zendesk allows only to a signed-in end user). Otherwise an end
   * user's credentials: `{ email, token }` (API token) or `{ bearer }` (OAuth).
   */
  auth: 'anonymous' | { email: string; token: string } | { bearer: string };
}

const request = z.object({
  id: z.number(),
  status: z.string(),
  requester_id: z.optional(z.number()),
});
const created = z.object({ request });
const found = z.object({
  requests: z.array(
    z.object({
      id: z.number(),
      description: z.optional(z.string()),
      subject: z.optional(z.nullable(z.string())),
    }),
  ),
});
const upload = z.object({ upload: z.object({ token: z.string() }) });
const comments = z.object({
  comments: z.array(
    z.object({ id: z.number(), body: z.string(), author_id: z.number(), created_at: z.string() }),
  ),
});

const STATUS: Record<string, TicketStatus> = {
  new: 'open',
  open: 'open',
  pending: 'pending',
  hold: 'pending',
  solved: 'solved',
  closed: 'closed',
};

/**
 * Zendesk through the end-user Requests API. Files go up first (`/uploads`, one token each) and
 * ride on the request's first comment. Signed in, the marker in the subject is searched
 * (`/requests/search`) before creating; anonymously Zendesk offers no lookup, so only the relay's
 * recorded ref protects against a second ticket, and a lost answer can make one: prefer an
 * authenticated end user where exactly-once matters.
 */
/* @__NO_SIDE_EFFECTS__ */
export function createZendeskConnector(options: ZendeskOptions): Connector {
  const name = options.name ?? 'zendesk';
  const { auth } = options;
  const headers: Record<string, string> =
    auth === 'anonymous'
      ? {}
      : 'bearer' in auth
        ? { Authorization: `Bearer ${auth.bearer}` }
        : { Authorization: `Basic ${btoa(`${auth.email}/token:${auth.token}`)}` };
  const api = createHelpdeskClient(name, options.url, headers, options);
  const signedIn = auth !== 'anonymous';

  return createHelpdeskConnector({
    name,
    parentIs: 'its request to reach Zendesk',
    refuse: (envelope) =>
      envelope.kind === 'reply' && !signedIn
        ? 'replies need an authenticated end user; anonymous requests cannot be updated.'
        : undefined,
    async reply({ marker, rendered }, parent) {
      const thread = await api.json(
        comments,
        `/api/v2/requests/${parent}/comments.json`,
        'list comments',
      );
      const hit = thread.comments.find((c) => c.body.includes(marker));
      if (hit) return String(hit.id);
      await api.send(`/api/v2/requests/${parent}.json`, 'add comment', {
        method: 'PUT',
        body: { request: { comment: { body: rendered.text } } },
      });
      return `${parent}/${marker}`;
    },
    async create({ envelope, marker, rendered, context }) {
      if (signedIn) {
        const hits = await api.json(
          found,
          `/api/v2/requests/search.json?query=${encodeURIComponent(`"${marker}"`)}`,
          'search request by marker',
        );
        const hit = hits.requests.find(
          (r) => r.subject?.includes(marker) || r.description?.includes(marker),
        );
        if (hit) return String(hit.id);
      }
      const files = [
        ...(await context.attachments()).map((a) => ({
          name: a.meta.name,
          type: a.meta.type,
          bytes: a.bytes,
        })),
        ...(rendered.diagnosticsFile ? [rendered.diagnosticsFile] : []),
      ];
      const uploads: string[] = [];
      for (const file of files) {
        const path = `/api/v2/uploads.json?filename=${encodeURIComponent(file.name)}`;
        uploads.push(
          (
            await api.json(upload, path, 'upload file', {
              body: file.bytes,
              headers: { 'Content-Type': file.type || 'application/octet-stream' },
            })
          ).upload.token,
        );
      }
      const requester = signedIn
        ? {}
        : {
            requester: {
              name: envelope.user?.name || 'App user',
              ...(envelope.user?.email ? { email: envelope.user.email } : {}),
            },
          };
      const body = {
        request: {
          ...requester,
          subject: rendered.subject,
          comment: { body: rendered.text, ...(uploads.length ? { uploads } : {}) },
        },
      };
      return String(
        (await api.json(created, '/api/v2/requests.json', 'create request', { body })).request.id,
      );
    },
    async pull(ref) {
      if (!signedIn)
        throw new ConnectorError('rejected', `${name}: anonymous requests cannot be read back.`);
      const state = (await api.json(created, `/api/v2/requests/${ref}.json`, 'read request'))
        .request;
      const status = STATUS[state.status];
      if (!status)
        throw new ConnectorError(
          'bad_response',
          `${name} read request ${ref}: unknown status "${state.status}".`,
        );
      const thread = await api.json(
        comments,
        `/api/v2/requests/${ref}/comments.json`,
        'list comments',
      );
      // The end user's own comments (the ticket and its replies) are already in kefu's thread.
      const replies = thread.comments
        .filter((c) => c.author_id !== state.requester_id)
        .map((c) => ({ id: String(c.id), body: c.body, at: c.created_at }));
      return { status, replies };
    },
  });
}
