import * as z from 'zod/mini';
import type { TicketStatus } from '../../protocol';
import { createHelpdeskConnector } from './helpdesk-connector';
import { createHelpdeskClient, type HttpConnectorOptions } from './client';

import type { Connector } from './types';

/** Options of {@link createGitHubIssuesConnector}. */
export interface GitHubIssuesOptions extends HttpConnectorOptions {
  /** `owner/name`. */
  repo: string;
  /** A fine-grained token with Issues read & write on the repository. */
  token: string;
  /** Labels for every issue; the first is also the marker lookup's filter. @default ['kefu'] */
  labels?: string[];
  /** @default 'https://api.github.com' */
  apiUrl?: string;
}

const issue = z.object({
  number: z.number(),
  state: z.string(),
  state_reason: z.optional(z.nullable(z.string())),
  body: z.optional(z.nullable(z.string())),
});
const comment = z.object({
  id: z.number(),
  body: z.optional(z.nullable(z.string())),
  created_at: z.string(),
});

/**
 * GitHub Issues: a ticket or feedback becomes an issue, a reply a comment. GitHub's API takes no
 * file uploads for issues, so the diagnostics go into the body as a collapsed JSON block and the
 * user's files are listed by name (they stay in the relay). The marker lookup lists the kefu
 * label's issues updated since the envelope arrived, not the search API, whose index lags.
 */
/* @__NO_SIDE_EFFECTS__ */
export function createGitHubIssuesConnector(options: GitHubIssuesOptions): Connector {
  const name = options.name ?? 'github';
  const labels = options.labels ?? ['kefu'];
  const api = createHelpdeskClient(
    name,
    options.apiUrl ?? 'https://api.github.com',
    { Authorization: `Bearer ${options.token}`, 'X-GitHub-Api-Version': '2022-11-28' },
    options,
  );
  const repo = `/repos/${options.repo}`;
  // One page of 100 bounds the lookup; what arrived in the same minute rarely exceeds it.
  const since = (at: string) => new Date(Date.parse(at) - 60_000).toISOString();

  return createHelpdeskConnector({
    name,
    parentIs: 'its issue to reach GitHub',
    markRendered: false,
    async reply({ submission, marker, rendered }, parent) {
      const footer = `\n\n<!-- ${marker} -->`;
      const comments = await api.json(
        z.array(comment),
        `${repo}/issues/${parent}/comments?since=${since(submission.receivedAt)}&per_page=100`,
        'list comments',
      );
      const found = comments.find((c) => c.body?.includes(marker));
      if (found) return String(found.id);
      const made = await api.json(comment, `${repo}/issues/${parent}/comments`, 'add comment', {
        body: { body: rendered.text + footer },
      });
      return String(made.id);
    },
    async create({ submission, envelope, marker, rendered }) {
      const footer = `\n\n<!-- ${marker} -->`;
      const existing = await api.json(
        z.array(issue),
        `${repo}/issues?labels=${encodeURIComponent(labels[0] ?? 'kefu')}&state=all&since=${since(submission.receivedAt)}&per_page=100`,
        'list issues',
      );
      const found = existing.find((i) => i.body?.includes(marker));
      if (found) return String(found.number);
      const files = (envelope.kind === 'ticket' ? (envelope.payload.attachments ?? []) : []).map(
        (a) => `- ${a.name} (${a.type}, ${a.size} bytes; kept by the relay)`,
      );
      const diagnostics = rendered.diagnosticsFile
        ? `\n\n<details><summary>diagnostics.json</summary>\n\n\`\`\`json\n${new TextDecoder().decode(rendered.diagnosticsFile.bytes)}\n\`\`\`\n</details>`
        : '';
      const body = `${rendered.text.replace(/[<>&]/g, (c) => `&#${c.charCodeAt(0)};`)}${files.length ? `\n\nAttachments:\n${files.join('\n')}` : ''}${diagnostics}${footer}`;
      const made = await api.json(issue, `${repo}/issues`, 'create issue', {
        body: { title: rendered.subject, body, labels },
      });
      return String(made.number);
    },
    async pull(ref) {
      const state = await api.json(issue, `${repo}/issues/${ref}`, 'read issue');
      const status: TicketStatus =
        state.state === 'open'
          ? 'open'
          : state.state_reason === 'not_planned'
            ? 'closed'
            : 'solved';
      const comments = await api.json(
        z.array(comment),
        `${repo}/issues/${ref}/comments?per_page=100`,
        'list comments',
      );
      // Comments carrying a kefu marker are the user's own replies, already in the thread.
      return {
        status,
        replies: comments
          .filter((c) => !c.body?.includes('kefu:'))
          .map((c) => ({ id: String(c.id), body: c.body ?? '', at: c.created_at })),
      };
    },
  });
}
