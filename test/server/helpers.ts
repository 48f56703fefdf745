import { request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer, type ServerOptions } from '../../examples/server/server';
import type { Envelope } from '../../src/protocol';
import { proof, ticketEnvelope } from '../relay/helpers';

/** A quiet server on a free port with its own database in a temp dir. */
export function startTestServer(options: ServerOptions = {}): Promise<RunningServer> {
  return startServer({
    port: 0,
    quiet: true,
    dataDir: mkdtempSync(join(tmpdir(), 'kefu-server-')),
    ...options,
  });
}

/** Posts an envelope as JSON to the relay under `/api`, with the test ticket secret as its proof. */
export function postEnvelope(
  server: RunningServer,
  path: string,
  envelope: Envelope,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${server.url}/api${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Idempotency-Key': envelope.id,
      ...proof,
      ...headers,
    },
    body: JSON.stringify(envelope),
  });
}

/** A GET with the path sent exactly as written (fetch would normalize `..` away). */
export function rawGet(
  port: number,
  path: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject).end();
  });
}

/** Posts a ticket with one attachment of `bytes` over HTTP, as the SDK sends it. */
export function postUpload(url: string, bytes: Uint8Array, declared = bytes.byteLength) {
  const envelope = ticketEnvelope({
    attachments: [{ part: 'attachment-0', name: 'clip.mp4', type: 'video/mp4', size: declared }],
  });
  const form = new FormData();
  form.append('envelope', JSON.stringify(envelope));
  form.append(
    'attachment-0',
    new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'video/mp4' }),
    'clip.mp4',
  );
  return {
    envelope,
    response: fetch(`${url}/api/tickets`, {
      method: 'POST',
      headers: { 'Idempotency-Key': envelope.id },
      body: form,
    }),
  };
}

/** An agent signed in to a test server's console over HTTP, as a browser would be. */
export interface AgentClient {
  /** `kefu_console=…`, for a Cookie header (or a browser context's cookie jar). */
  cookie: string;
  /** The session's CSRF token, which every form must carry. */
  csrf: string;
  /** A GET with the session cookie (redirects not followed). */
  get(path: string, init?: RequestInit): Promise<Response>;
  /** A same-origin form post with the session cookie and, unless `csrf: null`, the CSRF token. */
  post(
    path: string,
    form: Record<string, string>,
    options?: { csrf?: string | null; origin?: string },
  ): Promise<Response>;
}

let agentNumber = 0;

/** The value of `name="csrf"` in a page, or of the login-CSRF cookie. */
export function csrfOf(page: string): string {
  const match = /name="csrf" value="([^"]+)"/.exec(page);
  if (!match) throw new Error(`No CSRF field in the page: ${page.slice(0, 300)}`);
  return match[1]!;
}

/** The `name=value` of each Set-Cookie of a response. */
export function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(';')[0]!);
}

/** Makes an agent on `server` and signs it in through the sign-in form. */
export async function signInAgent(
  server: RunningServer,
  account: { email?: string; password?: string; name?: string } = {},
): Promise<AgentClient> {
  agentNumber += 1;
  const email = account.email ?? `agent${agentNumber}@support.example`;
  const password = account.password ?? `correct horse ${agentNumber} battery`;
  const name = account.name ?? `Agent ${agentNumber}`;
  // An account that exists already (a second sign-in) is simply signed in to.
  await server.auth.createAgent({ email, name, password }).catch(() => undefined);
  const form = await fetch(`${server.url}/inbox/login`);
  const loginCookie = cookiesOf(form).join('; ');
  const signedIn = await fetch(`${server.url}/inbox/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      Cookie: loginCookie,
      Origin: server.url,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ csrf: csrfOf(await form.text()), email, password }),
  });
  if (signedIn.status !== 303) throw new Error(`Sign-in answered ${signedIn.status}`);
  const cookie = cookiesOf(signedIn).find((c) => c.startsWith('kefu_console='))!;
  const get = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, { ...init, redirect: 'manual', headers: { Cookie: cookie } });
  const csrf = csrfOf(await (await get('/inbox')).text());
  return {
    cookie,
    csrf,
    get,
    post: (path, body, options = {}) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          Cookie: cookie,
          Origin: options.origin ?? server.url,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams(
          options.csrf === null ? body : { csrf: options.csrf ?? csrf, ...body },
        ),
      }),
  };
}

const signedIn = new WeakMap<RunningServer, Promise<AgentClient>>();

/** A console page fetched as a signed-in agent (one agent per server, signed in on first use). */
export async function inboxGet(
  server: RunningServer,
  path: string,
  init?: RequestInit,
): Promise<Response> {
  return (await agentFor(server)).get(path, init);
}

/** The one agent signed in to `server` for tests that only need some agent. */
export function agentFor(server: RunningServer): Promise<AgentClient> {
  if (!signedIn.has(server)) signedIn.set(server, signInAgent(server));
  return signedIn.get(server)!;
}

/**
 * Prunes every event the server's log holds so far, as a run of its pruner would a month on: a
 * window that ends tomorrow leaves every thread outside it.
 */
export async function pruneWholeLog(server: RunningServer): Promise<void> {
  const conversations = server.store.conversations!;
  const before = new Date(Date.now() + 86_400_000).toISOString();
  let after = '0';
  for (;;) {
    const run = await conversations.pruneLog!({ before, after, limit: 100 });
    after = run.scannedThrough;
    if (run.done) return;
  }
}
