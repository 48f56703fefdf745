import type { Envelope } from '../protocol';
import { toBase64url } from './base64url';
import { createIdentityVerifier, type IdentityOptions } from './identity';
import { RelayError } from './relay-error';

/** The header that carries a ticket's secret: set on `POST /tickets`, proven on later requests. */
export const TICKET_SECRET_HEADER = 'Kefu-Ticket-Secret';
/** The header that carries the app's server-signed identity of the user on reads. */
export const USER_TOKEN_HEADER = 'Kefu-User-Token';

// 128 bits at least (the SDK sends 244 random bits as 64 hex characters); bounded above.
const SECRET = /^[A-Za-z0-9_-]{22,128}$/;

/**
 * Who wrote a ticket, as the store keeps it: the SHA-256 of the secret the client made when it
 * queued the ticket (never the secret), and the user id a verified identity token named.
 */
export interface TicketAuthor {
  secretHash?: string;
  userId?: string;
}

/** The checks every route that reads or writes a ticket (or, later, its stream) goes through. */
export interface Authorship {
  /** The author of a new ticket: its secret's hash and the verified user, when proven. */
  authorOf(request: Request, envelope?: Envelope): Promise<TicketAuthor>;
  /**
   * Whether the request proves it comes from the author: the ticket's secret, or an identity
   * token verified for the ticket's user. A ticket with no author is nobody's (agents only).
   */
  proves(request: Request, author: TicketAuthor | undefined, envelope?: Envelope): Promise<boolean>;
  /** Whether `secret` (from a proofs list rather than the header) is the author's. */
  provesSecret(secret: string, author: TicketAuthor | undefined): Promise<boolean>;
  /** The user a request's verified `Kefu-User-Token` names, if any. */
  verifiedUser(request: Request): Promise<string | undefined>;
}

/** The SHA-256 of a ticket secret, base64url: what a store keeps instead of the secret. */
export async function hashTicketSecret(secret: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret));
  return toBase64url(new Uint8Array(digest));
}

// Both sides are hashes of the same length, so the comparison reveals nothing worth timing, but
// the loop stays free of early exits all the same.
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

// Strict when a ticket is created (a bad secret there would lock its author out, so it is
// refused); lenient on proofs, where any answer but 404 would confirm that the ticket exists.
function secretOf(request: Request, strict: boolean): string | undefined {
  const secret = request.headers.get(TICKET_SECRET_HEADER);
  if (secret === null) return undefined;
  if (!SECRET.test(secret)) {
    if (!strict) return undefined;
    throw new RelayError(
      400,
      'invalid_request',
      `The ${TICKET_SECRET_HEADER} header must be 22 to 128 base64url characters (the SDK makes 64).`,
      TICKET_SECRET_HEADER,
    );
  }
  return secret;
}

// The token of the envelope (as written when it was queued) first, else the header's (reads).
const tokenOf = (request: Request, envelope?: Envelope) =>
  envelope?.user?.token ?? request.headers.get(USER_TOKEN_HEADER) ?? undefined;

/**
 * Makes the authorship checks of a relay. Without `identity`, only ticket secrets prove
 * authorship; with it, a verified token also gives a user their tickets on every device.
 */
export function createAuthorship(
  identity: IdentityOptions | undefined,
  now: () => number,
): Authorship {
  const verify = identity ? createIdentityVerifier(identity) : undefined;
  const userOf = async (request: Request, envelope?: Envelope) => {
    const token = tokenOf(request, envelope);
    return token && verify ? verify(token, now()) : undefined;
  };
  return {
    async authorOf(request, envelope) {
      const secret = secretOf(request, true);
      const userId = await userOf(request, envelope);
      return {
        ...(secret ? { secretHash: await hashTicketSecret(secret) } : {}),
        ...(userId ? { userId } : {}),
      };
    },
    async proves(request, author, envelope) {
      if (!author) return false;
      const secret = secretOf(request, false);
      if (
        secret &&
        author.secretHash &&
        sameText(await hashTicketSecret(secret), author.secretHash)
      )
        return true;
      if (!author.userId) return false;
      const userId = await userOf(request, envelope);
      return userId !== undefined && userId === author.userId;
    },
    async provesSecret(secret, author) {
      if (!author?.secretHash || !SECRET.test(secret)) return false;
      return sameText(await hashTicketSecret(secret), author.secretHash);
    },
    verifiedUser: (request) => userOf(request),
  };
}

/** An envelope without `user.token`: what is stored and forwarded unless the relay keeps tokens. */
export function withoutUserToken<E extends Envelope>(envelope: E): E {
  if (envelope.user?.token === undefined) return envelope;
  const { token: _token, ...user } = envelope.user;
  return { ...envelope, user };
}
