import { uuid } from './uuid';

/**
 * A ticket secret: the hex of two random UUIDs, 244 random bits in 64 characters. It proves
 * authorship of one ticket to the server, which keeps only its hash; it never leaves this device
 * otherwise. Built on `uuid()`, which the client has anyway, so it costs the bundle nothing more.
 */
export function makeTicketSecret(): string {
  return (uuid() + uuid()).replace(/-/g, '');
}

/**
 * The storage key of a draft for a user: a signed-in user's drafts live apart from the signed-out
 * ones and from every other user's, so a shared device shows nobody someone else's typing. The
 * signed-out key is the bare key, as drafts were kept before users were told apart.
 */
export function scopedDraftKey(key: string, userId: string | undefined): string {
  return userId === undefined ? key : `@${encodeURIComponent(userId)}/${key}`;
}
