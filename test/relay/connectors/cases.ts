import { readFileSync } from 'node:fs';
import type { Connector, ForwardQueue, PulledTicket } from '../../../src/relay';
import {
  createChatwootConnector,
  createFreshdeskConnector,
  createGitHubIssuesConnector,
  createJiraServiceManagementConnector,
  createZendeskConnector,
} from '../../../src/relay/connectors';
import type { FakeHelpdesk, Received } from './fake-helpdesk';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const fixture = (name: string): Json =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));
const ok = (body: unknown, status = 200) => ({ status, body });

/** One helpdesk under the shared fixture tests: how to make it, route it, and what it must send. */
export interface HelpdeskCase {
  name: string;
  /** The credential, which must never appear in a log line or an error. */
  secret: string;
  make(url: string): Connector;
  /** Routes for a first delivery: the lookup finds nothing, uploads and create succeed. */
  fresh(fake: FakeHelpdesk): void;
  /** The call that creates the ticket, for fault injection. */
  create: [method: string, prefix: string];
  ref: string;
  /** The files sent (names), read from what the fake received. */
  filesSent(received: Received[]): string[];
  /** Where the marker went, read from what the fake received. */
  markerSent(received: Received[]): string;
  /** Routes (and remembered notes) for a redelivery whose earlier answer was lost; the id it must find. */
  found(fake: FakeHelpdesk, marker: string, queue: ForwardQueue, id: string): Promise<string>;
  reply?: {
    routes(fake: FakeHelpdesk): void;
    parentRef: string;
    sent(received: Received[]): string;
  };
  pull: { routes(fake: FakeHelpdesk): void; ref: string; expected: PulledTicket };
}

const formFiles = (r: Received | undefined, field: string) =>
  ((r?.body as Record<string, { filename: string }[]>)?.[field] ?? []).map((f) => f.filename);
const last = (received: Received[], method: string, prefix: string) =>
  [...received].reverse().find((r) => r.method === method && r.path.startsWith(prefix));

const gh = fixture('github');
const zd = fixture('zendesk');
const fd = fixture('freshdesk');
const jsm = fixture('jsm');
const cw = fixture('chatwoot');
const CW = '/public/api/v1/inboxes/inbox-abc';
const CONV = `${CW}/contacts/${cw.contact.source_id}/conversations/42`;

export const CASES: HelpdeskCase[] = [
  {
    name: 'github',
    secret: 'ghp_SECRETtoken123',
    make: (url) =>
      createGitHubIssuesConnector({
        repo: 'octocat/Hello-World',
        token: 'ghp_SECRETtoken123',
        apiUrl: url,
      }),
    fresh: (fake) => {
      fake.on('GET', '/repos/octocat/Hello-World/issues?', ok([]));
      fake.on('POST', '/repos/octocat/Hello-World/issues', ok(gh.issue, 201));
    },
    create: ['POST', '/repos/octocat/Hello-World/issues'],
    ref: '1347',
    // GitHub takes no uploads for issues: the files are listed and the diagnostics inlined.
    filesSent: (received) => {
      const body = (last(received, 'POST', '/repos/octocat/Hello-World/issues')?.body as Json)
        .body as string;
      return [
        body.includes('- player-log.txt (text/plain') && 'player-log.txt',
        body.includes('<summary>diagnostics.json</summary>') && 'diagnostics.json',
      ].filter(Boolean) as string[];
    },
    markerSent: (received) =>
      (last(received, 'POST', '/repos/octocat/Hello-World/issues')?.body as Json).body,
    found: async (fake, marker) => (
      fake.on(
        'GET',
        '/repos/octocat/Hello-World/issues?',
        ok([{ ...gh.issue, number: 77, body: `old body <!-- ${marker} -->` }]),
      ),
      '77'
    ),
    reply: {
      parentRef: '1347',
      routes: (fake) => {
        fake.on('GET', '/repos/octocat/Hello-World/issues/1347/comments', ok([]));
        fake.on('POST', '/repos/octocat/Hello-World/issues/1347/comments', ok(gh.comment, 201));
      },
      sent: (received) =>
        (last(received, 'POST', '/repos/octocat/Hello-World/issues/1347/comments')?.body as Json)
          .body,
    },
    pull: {
      ref: '1347',
      routes: (fake) => {
        fake.on('GET', '/repos/octocat/Hello-World/issues/1347', ok(gh.closedIssue));
        fake.on(
          'GET',
          '/repos/octocat/Hello-World/issues/1347/comments',
          ok([gh.comment, { ...gh.comment, id: 2, body: 'Still broken [kefu:x]' }]),
        );
      },
      expected: {
        status: 'solved',
        replies: [{ id: '1', body: 'Me too', at: '2011-04-14T16:00:49Z' }],
      },
    },
  },
  {
    name: 'zendesk',
    secret: 'ZDSECRETtoken456',
    make: (url) =>
      createZendeskConnector({
        url,
        auth: { email: 'mei@example.com', token: 'ZDSECRETtoken456' },
      }),
    fresh: (fake) => {
      fake.on('GET', '/api/v2/requests/search.json', ok(zd.search));
      fake.on('POST', '/api/v2/uploads.json', ok(zd.upload, 201));
      fake.on('POST', '/api/v2/requests.json', ok(zd.request, 201));
    },
    create: ['POST', '/api/v2/requests.json'],
    ref: '33',
    filesSent: (received) =>
      received
        .filter((r) => r.path.startsWith('/api/v2/uploads.json'))
        .map((r) => decodeURIComponent(r.path.split('filename=')[1]!)),
    markerSent: (received) =>
      (last(received, 'POST', '/api/v2/requests.json')?.body as Json).request.subject,
    found: async (fake, marker) => (
      fake.on(
        'GET',
        '/api/v2/requests/search.json',
        ok({
          ...zd.search,
          requests: [{ id: 77, subject: `Help! [${marker}]`, description: 'x' }],
          count: 1,
        }),
      ),
      '77'
    ),
    reply: {
      parentRef: '33',
      routes: (fake) => {
        fake.on('GET', '/api/v2/requests/33/comments.json', ok({ ...zd.comments, comments: [] }));
        fake.on('PUT', '/api/v2/requests/33.json', ok(zd.request));
      },
      sent: (received) =>
        (last(received, 'PUT', '/api/v2/requests/33.json')?.body as Json).request.comment.body,
    },
    pull: {
      ref: '33',
      routes: (fake) => {
        fake.on('GET', '/api/v2/requests/33.json', ok(zd.solvedRequest));
        fake.on('GET', '/api/v2/requests/33/comments.json', ok(zd.comments));
      },
      expected: {
        status: 'solved',
        replies: [
          { id: '1275', body: 'Please lower the resolution to 480p.', at: '2009-07-21T09:00:00Z' },
        ],
      },
    },
  },
  {
    name: 'freshdesk',
    secret: 'FDSECRETkey789',
    make: (url) => createFreshdeskConnector({ url, apiKey: 'FDSECRETkey789' }),
    fresh: (fake) => {
      fake.on('GET', '/api/v2/search/tickets', ok(fd.searchEmpty));
      fake.on('POST', '/api/v2/tickets', ok(fd.ticket, 201));
    },
    create: ['POST', '/api/v2/tickets'],
    ref: '1',
    filesSent: (received) => formFiles(last(received, 'POST', '/api/v2/tickets'), 'attachments[]'),
    markerSent: (received) =>
      ((last(received, 'POST', '/api/v2/tickets')?.body as Json)['tags[]'] as string[]).join(' '),
    found: async (fake) => (
      fake.on(
        'GET',
        '/api/v2/search/tickets',
        ok({ results: [{ ...fd.ticket, id: 77 }], total: 1 }),
      ),
      '77'
    ),
    reply: {
      parentRef: '1',
      routes: (fake) => {
        fake.on('GET', '/api/v2/tickets/1/conversations', ok([]));
        fake.on('POST', '/api/v2/tickets/1/notes', ok(fd.note, 201));
      },
      sent: (received) => (last(received, 'POST', '/api/v2/tickets/1/notes')?.body as Json).body,
    },
    pull: {
      ref: '1',
      routes: (fake) => {
        fake.on('GET', '/api/v2/tickets/1', ok(fd.resolvedTicket));
        fake.on('GET', '/api/v2/tickets/1/conversations', ok(fd.conversations));
      },
      expected: {
        status: 'solved',
        replies: [
          { id: '4', body: 'Please lower the resolution to 480p.', at: '2015-08-18T10:00:00Z' },
        ],
      },
    },
  },
  {
    name: 'jsm',
    secret: 'JSMSECRETtoken000',
    make: (url) =>
      createJiraServiceManagementConnector({
        url,
        email: 'agent@example.com',
        token: 'JSMSECRETtoken000',
        serviceDeskId: '10',
        requestTypeId: '25',
      }),
    fresh: (fake) => {
      fake.on('GET', '/rest/servicedeskapi/request?searchTerm=', ok(jsm.searchEmpty));
      fake.on('POST', '/rest/servicedeskapi/request', ok(jsm.request, 201));
      fake.on(
        'POST',
        '/rest/servicedeskapi/servicedesk/10/attachTemporaryFile',
        ok(jsm.temporary, 201),
      );
      fake.on('POST', '/rest/servicedeskapi/request/HELPDESK-1/attachment', ok(jsm.attached, 201));
    },
    create: ['POST', '/rest/servicedeskapi/request'],
    ref: 'HELPDESK-1',
    filesSent: (received) =>
      formFiles(
        last(received, 'POST', '/rest/servicedeskapi/servicedesk/10/attachTemporaryFile'),
        'file',
      ),
    markerSent: (received) =>
      (
        received.find((r) => r.method === 'POST' && r.path === '/rest/servicedeskapi/request')
          ?.body as Json
      ).requestFieldValues.summary,
    found: async (fake) => {
      fake.on(
        'GET',
        '/rest/servicedeskapi/request?searchTerm=',
        ok({ ...jsm.searchEmpty, size: 1, values: [{ ...jsm.request, issueKey: 'HELPDESK-77' }] }),
      );
      fake.on(
        'GET',
        '/rest/servicedeskapi/request/HELPDESK-77/attachment',
        ok({
          ...jsm.attachmentsEmpty,
          size: 2,
          values: [{ filename: 'player-log.txt' }, { filename: 'diagnostics.json' }],
        }),
      );
      return 'HELPDESK-77';
    },
    reply: {
      parentRef: 'HELPDESK-1',
      routes: (fake) => {
        fake.on(
          'GET',
          '/rest/servicedeskapi/request/HELPDESK-1/comment',
          ok({ ...jsm.comments, values: [] }),
        );
        fake.on('POST', '/rest/servicedeskapi/request/HELPDESK-1/comment', ok(jsm.comment, 201));
      },
      sent: (received) =>
        (last(received, 'POST', '/rest/servicedeskapi/request/HELPDESK-1/comment')?.body as Json)
          .body,
    },
    pull: {
      ref: 'HELPDESK-1',
      routes: (fake) => {
        fake.on('GET', '/rest/servicedeskapi/request/HELPDESK-1', ok(jsm.doneRequest));
        fake.on('GET', '/rest/servicedeskapi/request/HELPDESK-1/comment', ok(jsm.comments));
      },
      expected: {
        status: 'solved',
        replies: [
          {
            id: '1001',
            body: 'Please lower the resolution to 480p.',
            at: '2015-10-09T11:00:00+0700',
          },
        ],
      },
    },
  },
  {
    name: 'chatwoot',
    secret: 'inbox-abc',
    make: (url) => createChatwootConnector({ url, inboxIdentifier: 'inbox-abc' }),
    fresh: (fake) => {
      fake.on('POST', `${CW}/contacts`, ok(cw.contact));
      fake.on('POST', `${CW}/contacts/${cw.contact.source_id}/conversations`, ok(cw.conversation));
      fake.on('GET', `${CONV}/messages`, ok(cw.messagesEmpty));
      fake.on('POST', `${CONV}/messages`, ok(cw.message));
    },
    create: ['POST', `${CONV}/messages`],
    ref: `${cw.contact.source_id}/42`,
    filesSent: (received) => formFiles(last(received, 'POST', `${CONV}/messages`), 'attachments[]'),
    markerSent: (received) =>
      ((last(received, 'POST', `${CONV}/messages`)?.body as Json).content as string[]).join(''),
    // An earlier attempt got as far as the first message: its notes and the message's marker say so.
    found: async (fake, marker, queue, id) => {
      await queue.setRef(id, 'chatwoot.contact', cw.contact.source_id);
      await queue.setRef(id, 'chatwoot.conversation', '42');
      fake.on('GET', `${CONV}/messages`, ok([{ ...cw.message, content: `Hello [${marker}]` }]));
      return `${cw.contact.source_id}/42`;
    },
    reply: {
      parentRef: `${cw.contact.source_id}/42`,
      routes: (fake) => {
        fake.on('GET', `${CONV}/messages`, ok(cw.messagesEmpty));
        fake.on('POST', `${CONV}/messages`, ok(cw.message));
      },
      sent: (received) =>
        ((last(received, 'POST', `${CONV}/messages`)?.body as Json).content as string[]).join(''),
    },
    pull: {
      ref: `${cw.contact.source_id}/42`,
      routes: (fake) => {
        fake.on('GET', CONV, ok(cw.resolvedConversation));
        fake.on('GET', `${CONV}/messages`, ok(cw.messages));
      },
      expected: {
        status: 'solved',
        replies: [
          {
            id: '301',
            body: 'Please lower the resolution to 480p.',
            at: '2023-11-14T22:23:20.000Z',
          },
        ],
      },
    },
  },
];
