import * as z from 'zod/mini';
import type { TicketStatus } from '../../protocol';
import { createHelpdeskConnector } from './helpdesk-connector';
import { blobOf, createHelpdeskClient, type HttpConnectorOptions } from './client';
import { ConnectorError } from './connector-error';
import type { Connector } from './types';

/** Options of {@link createJiraServiceManagementConnector}. */
export interface JiraServiceManagementOptions extends HttpConnectorOptions {
  /** `https://<site>.atlassian.net`. */
  url: string;
  /** The account email and API token of the customer (or agent) raising requests. */
  email: string;
  token: string;
  serviceDeskId: string;
  requestTypeId: string;
}

const created = z.object({ issueKey: z.string() });
const page = <T extends z.ZodMiniType>(item: T) => z.object({ values: z.array(item) });
const comment = z.object({
  id: z.string(),
  body: z.string(),
  public: z.optional(z.boolean()),
  created: z.optional(z.object({ iso8601: z.string() })),
});
const temporary = z.object({
  temporaryAttachments: z.array(z.object({ temporaryAttachmentId: z.string() })),
});
const request = z.object({
  issueKey: z.string(),
  currentStatus: z.object({ statusCategory: z.string() }),
});

// Jira's status categories; a board's own status names vary, the categories do not.
const STATUS: Record<string, TicketStatus> = {
  NEW: 'open',
  UNDEFINED: 'open',
  INDETERMINATE: 'pending',
  DONE: 'solved',
};

/**
 * Jira Service Management's customer request API. The marker ends the summary and a request
 * search (`searchTerm`) finds it before creating again. Files go up as temporary attachments and
 * are attached once the request exists; when an earlier attempt created the request but died
 * before attaching (it has no attachments yet), a retry attaches them to the request it found.
 */
/* @__NO_SIDE_EFFECTS__ */
export function createJiraServiceManagementConnector(
  options: JiraServiceManagementOptions,
): Connector {
  const name = options.name ?? 'jsm';
  const api = createHelpdeskClient(
    name,
    options.url,
    { Authorization: `Basic ${btoa(`${options.email}:${options.token}`)}` },
    options,
  );
  const base = '/rest/servicedeskapi';

  return createHelpdeskConnector({
    name,
    parentIs: 'its request to reach Jira',
    async reply({ marker, rendered }, parent) {
      const thread = await api.json(
        page(comment),
        `${base}/request/${parent}/comment?limit=100`,
        'list comments',
      );
      const hit = thread.values.find((c) => c.body.includes(marker));
      if (hit) return hit.id;
      return (
        await api.json(comment, `${base}/request/${parent}/comment`, 'add comment', {
          body: { body: rendered.text, public: true },
        })
      ).id;
    },
    async create({ marker, rendered, context }) {
      const hits = await api.json(
        page(created),
        `${base}/request?searchTerm=${encodeURIComponent(marker)}&requestOwnership=ALL_REQUESTS&limit=5`,
        'search request by marker',
      );
      let key = hits.values[0]?.issueKey;
      const files = [
        ...(await context.attachments()).map((a) => ({
          name: a.meta.name,
          type: a.meta.type,
          bytes: a.bytes,
        })),
        ...(rendered.diagnosticsFile ? [rendered.diagnosticsFile] : []),
      ];
      if (key) {
        const attached = await api.json(
          page(z.object({ filename: z.string() })),
          `${base}/request/${key}/attachment`,
          'list attachments',
        );
        if (attached.values.length > 0 || files.length === 0) return key;
      } else {
        const body = {
          serviceDeskId: options.serviceDeskId,
          requestTypeId: options.requestTypeId,
          requestFieldValues: {
            summary: rendered.subject.slice(0, 255),
            description: rendered.text,
          },
        };
        key = (await api.json(created, `${base}/request`, 'create request', { body })).issueKey;
      }
      if (files.length) {
        const form = new FormData();
        for (const file of files) form.append('file', blobOf(file.bytes, file.type), file.name);
        const ids = await api.json(
          temporary,
          `${base}/servicedesk/${options.serviceDeskId}/attachTemporaryFile`,
          'upload files',
          {
            body: form,
            headers: { 'X-Atlassian-Token': 'no-check', 'X-ExperimentalApi': 'opt-in' },
          },
        );
        await api.send(`${base}/request/${key}/attachment`, 'attach files', {
          body: {
            temporaryAttachmentIds: ids.temporaryAttachments.map((t) => t.temporaryAttachmentId),
            public: true,
          },
        });
      }
      return key;
    },
    async pull(ref) {
      const state = await api.json(request, `${base}/request/${ref}`, 'read request');
      const status = STATUS[state.currentStatus.statusCategory];
      if (!status)
        throw new ConnectorError(
          'bad_response',
          `${name} read request ${ref}: unknown status category "${state.currentStatus.statusCategory}".`,
        );
      const thread = await api.json(
        page(comment),
        `${base}/request/${ref}/comment?public=true&limit=100`,
        'list comments',
      );
      const replies = thread.values
        .filter((c) => !c.body.includes('kefu:'))
        .map((c) => ({
          id: c.id,
          body: c.body,
          at: c.created?.iso8601 ?? new Date(0).toISOString(),
        }));
      return { status, replies };
    },
  });
}
