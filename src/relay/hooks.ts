import { KefuError } from '../errors';
import { fromBase64url } from './base64url';
import type { Connector } from './connectors/types';
import type { ResolvedRelayOptions } from './options';
import { readBody } from './read-body';
import { RelayError } from './relay-error';
import { json } from './respond';
import { syncTicket } from './ticket-sync';

/**
 * A helpdesk that calls the relay when an agent answers (RT scrip, Zendesk trigger + webhook,
 * Freshdesk automation, Chatwoot webhook): `POST {endpoint}/hooks/{connector.name}`. The call
 * only says "look at this ticket": the relay then pulls the ticket from the helpdesk's API with
 * the connector, as the periodic sync does and with the same record of replies already added,
 * so a reply that came by webhook is never added again by the sync, and a forged or replayed
 * call can at most make the relay look again.
 */
export interface InboundHook {
  /** The connector (with `pull`) whose tickets the helpdesk names. */
  connector: Connector;
  /** The shared secret of the signature (≥ 32 bytes), configured on the helpdesk too. */
  secret: string | Uint8Array;
  /**
   * How the call is signed, in the helpdesk's own way where it has one:
   * - `kefu`: `Kefu-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` (an RT
   *   scrip or any script computes it);
   * - `zendesk`: Zendesk's `X-Zendesk-Webhook-Signature` (base64 HMAC-SHA256 of timestamp +
   *   body) and `X-Zendesk-Webhook-Signature-Timestamp`;
   * - `chatwoot`: Chatwoot's `X-Chatwoot-Signature: sha256=<hex HMAC-SHA256 of "<t>.<body>">`
   *   and `X-Chatwoot-Timestamp: <t>` (the webhook's own secret);
   * - `freshdesk`: Freshdesk's automations sign nothing; its webhook's "requires authentication"
   *   sends `Authorization: Basic`, whose password must be the secret. No timestamp, so a
   *   captured call can be replayed: harmless here, it only makes the relay look again.
   * @default 'kefu'
   */
  scheme?: HookScheme;
}

/** The ways a helpdesk's call to `POST /hooks/{connector}` is proven; see {@link InboundHook}. */
export type HookScheme = 'kefu' | 'zendesk' | 'chatwoot' | 'freshdesk';
const SCHEMES: readonly HookScheme[] = ['kefu', 'zendesk', 'chatwoot', 'freshdesk'];

/** Seconds a signed call stays valid either side of the relay's clock (replays past it are refused). */
export const HOOK_WINDOW_SECONDS = 300;
/** Largest hook body: a helpdesk's notification, never a file. */
export const MAX_HOOK_BYTES = 64 * 1024;

const encoder = new TextEncoder();
/**
 * A kefu ticket named in a hook's body: the marker `kefu:<id>` of every connector's subject, a
 * Freshdesk tag `kefu-<id>`, or Chatwoot's conversation attribute `"kefu_id":"<id>"`.
 */
const MARKER =
  /kefu(?::|-|_id"\s*:\s*")([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;

function fromHex(text: string): Uint8Array | undefined {
  if (!/^(?:[0-9a-f]{2})+$/i.test(text)) return undefined;
  return new Uint8Array(text.match(/../g)!.map((pair) => Number.parseInt(pair, 16)));
}

function fromBase64(text: string): Uint8Array | undefined {
  return fromBase64url(text.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
}

/** Checks hook options once, at `createRelay`, naming the field at fault. */
export function checkHooks(hooks: readonly InboundHook[]): Map<string, InboundHook> {
  const byName = new Map<string, InboundHook>();
  hooks.forEach((hook, index) => {
    const field = `hooks.${index}`;
    const fail = (what: string, message: string): never => {
      throw new KefuError('invalid_config', `createRelay: \`${field}.${what}\` ${message}`, {
        field: `${field}.${what}`,
      });
    };
    if (!hook?.connector?.name || typeof hook.connector.pull !== 'function')
      fail('connector', 'must be a connector with `pull` (its replies are pulled on each call).');
    const secret = typeof hook.secret === 'string' ? encoder.encode(hook.secret) : hook.secret;
    if (!(secret instanceof Uint8Array) || secret.byteLength < 32)
      fail('secret', 'must have at least 32 bytes: use 32 random bytes, shared with the helpdesk.');
    if (hook.scheme !== undefined && !SCHEMES.includes(hook.scheme))
      fail('scheme', `must be one of ${SCHEMES.map((s) => `"${s}"`).join(', ')}.`);
    if (byName.has(hook.connector.name))
      fail('connector', `names "${hook.connector.name}" twice; one hook per connector.`);
    byName.set(hook.connector.name, hook);
  });
  return byName;
}

const unsigned = () =>
  new RelayError(
    401,
    'unauthorized',
    'The hook call is not signed with this hook’s secret within the last 5 minutes.',
    'signature',
  );

/** The signed timestamp (ms), signed prefix and signature of an HMAC-signed call; 401 if absent. */
function signatureOf(
  request: Request,
  scheme: Exclude<HookScheme, 'freshdesk'>,
): { atMs: number; signed: string; signature: Uint8Array } {
  const header = (name: string) => request.headers.get(name) ?? '';
  if (scheme === 'zendesk') {
    const stamp = header('x-zendesk-webhook-signature-timestamp');
    const signature = fromBase64(header('x-zendesk-webhook-signature'));
    const atMs = Date.parse(stamp);
    if (!signature || !Number.isFinite(atMs) || stamp.length > 40) throw unsigned();
    return { atMs, signed: stamp, signature };
  }
  let t: string;
  let hex: string;
  if (scheme === 'chatwoot') {
    t = header('x-chatwoot-timestamp');
    hex = /^sha256=(.*)$/.exec(header('x-chatwoot-signature'))?.[1] ?? '';
  } else {
    const parts = new Map(
      header('kefu-signature')
        .split(',')
        .map((part) => part.trim().split('=', 2) as [string, string]),
    );
    t = parts.get('t') ?? '';
    hex = parts.get('v1') ?? '';
  }
  const signature = fromHex(hex);
  if (!/^\d{1,12}$/.test(t) || !signature) throw unsigned();
  return { atMs: Number(t) * 1000, signed: `${t}.`, signature };
}

const hmacKey = (secret: Uint8Array, use: 'sign' | 'verify') =>
  crypto.subtle.importKey(
    'raw',
    secret as Uint8Array<ArrayBuffer>,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    [use],
  );

/**
 * Freshdesk's Basic credentials: the password must be the secret. Both are compared as HMACs
 * under a key made for this call, so the comparison's time says nothing about the secret.
 */
async function checkBasicPassword(request: Request, secret: Uint8Array): Promise<void> {
  const basic = /^Basic ([A-Za-z0-9+/=]{1,2048})$/.exec(request.headers.get('authorization') ?? '');
  let password: string | undefined;
  try {
    const decoded = basic ? atob(basic[1]!) : '';
    password = decoded.includes(':') ? decoded.slice(decoded.indexOf(':') + 1) : undefined;
  } catch {
    password = undefined;
  }
  if (password === undefined) throw unsigned();
  const key = await hmacKey(crypto.getRandomValues(new Uint8Array(32)), 'sign');
  const mac = async (bytes: Uint8Array) =>
    new Uint8Array(await crypto.subtle.sign('HMAC', key, bytes as Uint8Array<ArrayBuffer>));
  const [given, expected] = await Promise.all([mac(encoder.encode(password)), mac(secret)]);
  let difference = 0;
  for (let i = 0; i < given.length; i += 1) difference |= given[i]! ^ expected[i]!;
  if (difference !== 0) throw unsigned();
}

/** Proves the call came from the helpdesk, by the hook's scheme; throws 401 otherwise. */
async function checkCall(
  request: Request,
  hook: InboundHook,
  bytes: Uint8Array,
  nowMs: number,
): Promise<void> {
  const secret = typeof hook.secret === 'string' ? encoder.encode(hook.secret) : hook.secret;
  const scheme = hook.scheme ?? 'kefu';
  if (scheme === 'freshdesk') return checkBasicPassword(request, secret);
  const { atMs, signed, signature } = signatureOf(request, scheme);
  if (Math.abs(nowMs - atMs) > HOOK_WINDOW_SECONDS * 1000) throw unsigned();
  const prefix = encoder.encode(signed);
  const data = new Uint8Array(prefix.byteLength + bytes.byteLength);
  data.set(prefix);
  data.set(bytes, prefix.byteLength);
  const key = await hmacKey(secret, 'verify');
  if (!(await crypto.subtle.verify('HMAC', key, signature as Uint8Array<ArrayBuffer>, data)))
    throw unsigned();
}

/** Pauses before the second and third pull of a hook whose pull failed. */
const PULL_RETRY_MS = [1_000, 4_000];

async function pullWithRetries(
  options: ResolvedRelayOptions,
  connector: Connector,
  ticketId: string,
): Promise<boolean> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await syncTicket(options.store, connector, ticketId, options.now);
    } catch (error) {
      const pause = PULL_RETRY_MS[attempt];
      if (pause === undefined) throw error;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/**
 * `POST /hooks/{connector}`: verifies the signature (HMAC-SHA256, constant-time through
 * WebCrypto's verify) and its timestamp, finds the kefu ticket the call names (its marker
 * `kefu:<id>`, which every connector puts in the helpdesk ticket's subject and text, anywhere in
 * the body), answers 202 `{ ticket }` and then pulls that ticket.
 */
export async function handleHook(
  request: Request,
  options: ResolvedRelayOptions,
  name: string,
): Promise<Response> {
  const hook = options.hooks.get(name);
  if (!hook) throw new RelayError(404, 'not_found', `There is no hook "${name.slice(0, 60)}".`);
  const bytes = await readBody(request, MAX_HOOK_BYTES);
  await checkCall(request, hook, bytes, options.now());
  const ticketId = new TextDecoder().decode(bytes).match(MARKER)?.[1]?.toLowerCase();
  if (!ticketId)
    throw new RelayError(
      422,
      'invalid_request',
      'The hook call names no kefu ticket: include the helpdesk ticket’s subject (it carries "[kefu:<id>]").',
      'body',
    );
  if (!(await options.store.getTicket(ticketId)))
    throw new RelayError(404, 'not_found', `There is no ticket "${ticketId}".`);
  // Answered before the pull: a helpdesk calls from inside its own work (an RT scrip runs in the
  // agent's request, Chatwoot gives up after 5 s), so a relay that pulled first would make the
  // helpdesk wait on itself; RT on SQLite then deadlocks until both time out (measured: 14 s,
  // and no reply). A pull that fails while the helpdesk is still finishing that work is tried
  // again; the last failure goes to `onError`, and the periodic sync stays the net.
  const work = pullWithRetries(options, hook.connector, ticketId).catch((error: unknown) =>
    options.onError?.(error, request),
  );
  options.waitUntil?.(work);
  return json(202, { ticket: ticketId });
}
