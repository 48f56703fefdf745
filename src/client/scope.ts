/**
 * A ticket secret: 32 random bytes, base64url (43 characters). It proves authorship of one
 * ticket to the server, which keeps only its hash; it never leaves this device otherwise.
 */
export function makeTicketSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The storage key of a draft for a user: a signed-in user's drafts live apart from the signed-out
 * ones and from every other user's, so a shared device shows nobody someone else's typing. The
 * signed-out key is the bare key, as drafts were kept before users were told apart.
 */
export function scopedDraftKey(key: string, userId: string | undefined): string {
  return userId === undefined ? key : `@${encodeURIComponent(userId)}/${key}`;
}
