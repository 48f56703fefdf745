import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { addressBucket } from '../../../src/relay';
import { html } from '../console/html';
import type { AgentRecord, AgentStore } from './agent-store';
import { readCookie, sessionCookie } from './cookies';
import { readForm, sameOriginPost } from './form';
import { createLockout, DEFAULT_LOCKOUT, type LockoutPolicy } from './lockout';
import { messagePage, type RenderPage, signInPage, welcomePage } from './pages';
import { hashPassword, passwordProblem, randomToken, verifyPassword } from './password';

/** One agent action as the audit log records it: who, what, when; never a secret. */
export interface AuditEntry {
  time: string;
  event: 'audit';
  action: string;
  /** The agent's email; absent for a failed sign-in of an unknown account. */
  agent?: string;
  ip: string;
  ticket?: string;
  detail?: string;
}

/** Options of {@link createConsoleAuth}. */
export interface ConsoleAuthOptions {
  agents: AgentStore;
  /** Renders a page around a body (the console's layout). */
  render: RenderPage;
  /** Headers of every console page (CSP, no-store, …). */
  headers: Record<string, string>;
  /** Hears one entry per agent action. */
  audit: (entry: AuditEntry) => void;
  /** The client address of a request (trusted-proxy aware). */
  clientAddress: (req: IncomingMessage) => string;
  /** Secure cookies with the `__Host-` prefix: on whenever the console is served over HTTPS. */
  secureCookies: boolean;
  /** @default 12 hours */
  sessionMs?: number;
  /** @default {@link DEFAULT_LOCKOUT} */
  lockout?: Partial<LockoutPolicy>;
  /** @default Date.now */
  now?: () => number;
}

/** A signed-in agent and the CSRF token their forms carry. */
export interface AgentSession {
  agent: AgentRecord;
  csrf: string;
  tokenHash: string;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');
const LOGIN_CSRF = 'kefu_login_csrf';
// Compared against when the email is unknown, so a miss costs as long as a wrong password.
const DUMMY_HASH = hashPassword(randomToken());

function sameToken(a: string | null | undefined, b: string | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** A relative path inside the console, or /inbox: a sign-in never redirects off-site. */
function safeNext(next: string | null | undefined): string {
  return next && /^\/inbox(?:[/?][^\\]*)?$/.test(next) && !next.startsWith('//') ? next : '/inbox';
}

/**
 * The console's sign-in layer: agent accounts with scrypt passwords, sessions in HttpOnly
 * SameSite=Strict cookies (only a hash stored), a CSRF token on every form, lockout after
 * repeated failures, one-time sign-in links and an audit line per agent action. Any console
 * (today's inbox, tomorrow's live console) puts its routes behind {@link ConsoleAuth.require}.
 */
export function createConsoleAuth(options: ConsoleAuthOptions) {
  const { agents, render, audit: hear } = options;
  const now = options.now ?? Date.now;
  const sessionMs = options.sessionMs ?? 12 * 60 * 60_000;
  const cookieName = options.secureCookies ? '__Host-kefu_console' : 'kefu_console';
  const lockout = createLockout(agents, { ...DEFAULT_LOCKOUT, ...options.lockout });

  const page = (res: ServerResponse, status: number, body: string, extra = {}) =>
    void res.writeHead(status, { ...options.headers, ...extra }).end(body);

  const audit = (
    req: IncomingMessage,
    action: string,
    entry: Partial<Omit<AuditEntry, 'time' | 'event' | 'action' | 'ip'>> = {},
  ) =>
    hear({
      time: new Date(now()).toISOString(),
      event: 'audit',
      action,
      ip: options.clientAddress(req),
      ...entry,
    });

  /** A fresh login-CSRF token and the cookie that carries it (double submit, before a session). */
  const loginCsrf = () => {
    const token = randomToken();
    const cookie = sessionCookie(LOGIN_CSRF, token, {
      secure: options.secureCookies,
      maxAgeSeconds: 3600,
    });
    return { token, headers: { 'Set-Cookie': cookie } };
  };

  const startSession = async (req: IncomingMessage, agent: AgentRecord) => {
    const token = randomToken();
    await agents.createSession({
      tokenHash: sha256(token),
      agentId: agent.id,
      csrf: randomToken(),
      expiresAt: now() + sessionMs,
    });
    const cookie = sessionCookie(cookieName, token, {
      secure: options.secureCookies,
      maxAgeSeconds: Math.floor(sessionMs / 1000),
    });
    const clear = sessionCookie(LOGIN_CSRF, '', {
      secure: options.secureCookies,
      maxAgeSeconds: 0,
    });
    audit(req, 'sign-in', { agent: agent.email });
    return [cookie, clear];
  };

  /** Refuses a cross-site or token-less post before its body matters. */
  const refuse = (res: ServerResponse, why: string) =>
    page(res, 403, messagePage(render, 'Refused', why));

  const loginPost = async (req: IncomingMessage, res: ServerResponse) => {
    const form = await readForm(req);
    if (!form) return page(res, 413, messagePage(render, 'Too large', 'That form is too large.'));
    if (!sameOriginPost(req) || !sameToken(form.get('csrf'), readCookie(req, LOGIN_CSRF)))
      return refuse(res, 'The sign-in form expired or came from another site; reload and retry.');
    const email = (form.get('email') ?? '').trim().toLowerCase().slice(0, 320);
    const password = form.get('password') ?? '';
    const next = safeNext(form.get('next'));
    const keys = [`email:${email}`, `ip:${addressBucket(options.clientAddress(req))}`];
    const retry = (message: string, status: number, extra: Record<string, string> = {}) => {
      const fresh = loginCsrf();
      page(res, status, signInPage(render, fresh.token, { email, message, next }), {
        ...fresh.headers,
        ...extra,
      });
    };
    const wait = await lockout.lockedFor(keys, now());
    if (wait > 0) {
      audit(req, 'sign-in-refused-locked', {});
      const minutes = Math.ceil(wait / 60_000);
      return retry(
        `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        429,
        { 'Retry-After': String(Math.ceil(wait / 1000)) },
      );
    }
    const agent = email ? await agents.findAgentByEmail(email) : undefined;
    const ok = await verifyPassword(
      password.slice(0, 256),
      agent?.passwordHash ?? (await DUMMY_HASH),
    );
    if (!agent || !ok) {
      const locked = await lockout.fail(keys, now());
      audit(
        req,
        locked ? 'sign-in-failed-locked' : 'sign-in-failed',
        agent ? { agent: agent.email } : {},
      );
      return retry('That email and password do not match an agent account.', 401);
    }
    await lockout.succeed(keys[0]!);
    const cookies = await startSession(req, agent);
    res.writeHead(303, { Location: next, 'Set-Cookie': cookies, 'Cache-Control': 'no-store' });
    res.end();
  };

  const linkExpired = (res: ServerResponse) =>
    page(
      res,
      410,
      messagePage(
        render,
        'Link expired',
        'This sign-in link was used or has expired; ask an agent for a new one.',
      ),
    );

  const welcome = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    if (req.method === 'GET') {
      const token = url.searchParams.get('token') ?? '';
      if (!(await agents.hasInvite(sha256(token), now()))) return linkExpired(res);
      const fresh = loginCsrf();
      return page(res, 200, welcomePage(render, fresh.token, token), fresh.headers);
    }
    const form = await readForm(req);
    if (!form) return page(res, 413, messagePage(render, 'Too large', 'That form is too large.'));
    if (!sameOriginPost(req) || !sameToken(form.get('csrf'), readCookie(req, LOGIN_CSRF)))
      return refuse(res, 'The form expired or came from another site; open the link again.');
    const token = form.get('token') ?? '';
    const email = (form.get('email') ?? '').trim().toLowerCase();
    const name = (form.get('name') ?? '').trim();
    const password = form.get('password') ?? '';
    const again = (message: string) => {
      const fresh = loginCsrf();
      page(
        res,
        400,
        welcomePage(render, fresh.token, token, { email, name, message }),
        fresh.headers,
      );
    };
    if (!/^[^\s@]{1,64}@[^\s@]{1,255}$/.test(email)) return again('Write a valid email address.');
    if (!name || name.length > 100) return again('Write your name (at most 100 characters).');
    const problem = passwordProblem(password);
    if (problem) return again(problem);
    if (await agents.findAgentByEmail(email))
      return again('An agent with that email exists; sign in instead, or use another email.');
    if (!(await agents.takeInvite(sha256(token), now()))) return linkExpired(res);
    const agent = await createAgent({ email, name, password });
    audit(req, 'agent-created', { agent: agent.email });
    const cookies = await startSession(req, agent);
    res.writeHead(303, { Location: '/inbox', 'Set-Cookie': cookies, 'Cache-Control': 'no-store' });
    res.end();
  };

  /** Adds an agent (the one-time link's form, a script, tests); throws when the email is taken. */
  const createAgent = async (input: { email: string; name: string; password: string }) => {
    const problem = passwordProblem(input.password);
    if (problem) throw new TypeError(problem);
    const agent: AgentRecord = {
      id: randomUUID(),
      email: input.email.trim().toLowerCase(),
      name: input.name.trim(),
      passwordHash: await hashPassword(input.password),
      createdAt: new Date(now()).toISOString(),
    };
    if (!(await agents.createAgent(agent)))
      throw new TypeError(`An agent with the email ${agent.email} already exists.`);
    return agent;
  };

  /** The session a request's cookie names, or undefined. */
  const sessionOf = async (req: IncomingMessage): Promise<AgentSession | undefined> => {
    const token = readCookie(req, cookieName);
    if (!token || token.length > 100) return undefined;
    const tokenHash = sha256(token);
    const session = await agents.findSession(tokenHash, now());
    const agent = session && (await agents.findAgentById(session.agentId));
    return agent && session ? { agent, csrf: session.csrf, tokenHash } : undefined;
  };

  /**
   * The signed-in agent; otherwise answers (a page: 303 to the sign-in form; anything else: 401)
   * and resolves undefined.
   */
  const requireAgent = async (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
  ): Promise<AgentSession | undefined> => {
    const session = await sessionOf(req);
    if (session) return session;
    if (req.method === 'GET' || req.method === 'HEAD') {
      const next = encodeURIComponent(url.pathname + url.search);
      res.writeHead(303, { Location: `/inbox/login?next=${next}`, 'Cache-Control': 'no-store' });
      res.end();
    } else {
      req.resume();
      page(
        res,
        401,
        messagePage(
          render,
          'Signed out',
          html`Your session ended; <a href="/inbox/login">sign in</a> again.`,
        ),
      );
    }
    return undefined;
  };

  /** Checks a posted form's origin and CSRF token; answers 403 (or 413) and false when wrong. */
  const checkForm = (
    req: IncomingMessage,
    res: ServerResponse,
    session: AgentSession,
    form: URLSearchParams | undefined,
  ): form is URLSearchParams => {
    if (!form) {
      page(res, 413, messagePage(render, 'Too large', 'That form is too large.'));
      return false;
    }
    if (!sameOriginPost(req) || !sameToken(form.get('csrf'), session.csrf)) {
      audit(req, 'form-refused', { agent: session.agent.email, detail: 'origin or csrf' });
      refuse(res, 'Forms are accepted from the console only; reload the page and resend.');
      return false;
    }
    return true;
  };

  return {
    createAgent,
    audit,
    /** How many agents exist (none: `npm start` prints a one-time link for the first). */
    agentCount: () => agents.countAgents(),
    /** A one-time link path (`/inbox/welcome?token=…`) that lets one new agent create an account. */
    async createInvite(ttlMs = 24 * 60 * 60_000): Promise<string> {
      const token = randomToken();
      await agents.createInvite(sha256(token), now() + ttlMs);
      return `/inbox/welcome?token=${token}`;
    },
    /** Answers the sign-in routes (`/inbox/login`, `/inbox/logout`, `/inbox/welcome`); true when it did. */
    async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
      const path = url.pathname;
      if (path === '/inbox/login') {
        if (req.method === 'POST') await loginPost(req, res);
        else if (req.method === 'GET' || req.method === 'HEAD') {
          if (await sessionOf(req)) {
            res.writeHead(303, { Location: safeNext(url.searchParams.get('next')) }).end();
            return true;
          }
          const fresh = loginCsrf();
          const next = safeNext(url.searchParams.get('next'));
          page(res, 200, signInPage(render, fresh.token, { next }), fresh.headers);
        } else res.writeHead(405, { Allow: 'GET, HEAD, POST' }).end();
        return true;
      }
      if (path === '/inbox/welcome') {
        if (req.method === 'GET' || req.method === 'POST') await welcome(req, res, url);
        else res.writeHead(405, { Allow: 'GET, POST' }).end();
        return true;
      }
      if (path === '/inbox/logout') {
        if (req.method !== 'POST') return (res.writeHead(405, { Allow: 'POST' }).end(), true);
        const session = await requireAgent(req, res, url);
        if (!session) return true;
        const form = await readForm(req);
        if (!checkForm(req, res, session, form)) return true;
        await agents.deleteSession(session.tokenHash);
        audit(req, 'sign-out', { agent: session.agent.email });
        const clear = sessionCookie(cookieName, '', {
          secure: options.secureCookies,
          maxAgeSeconds: 0,
        });
        res.writeHead(303, { Location: '/inbox/login', 'Set-Cookie': clear }).end();
        return true;
      }
      return false;
    },
    require: requireAgent,
    checkForm,
    /** Deletes expired sessions, links and old failure counts. */
    prune: () => agents.prune(now(), now() - DEFAULT_LOCKOUT.windowMs * 4),
  };
}

/** The console's sign-in layer, as {@link createConsoleAuth} makes it. */
export type ConsoleAuth = ReturnType<typeof createConsoleAuth>;
