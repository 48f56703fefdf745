/**
 * The storage key of a draft for a user: a signed-in user's drafts live apart from the signed-out
 * ones and from every other user's, so a shared device shows nobody someone else's typing. The
 * signed-out key is the bare key, as drafts were kept before users were told apart.
 */
export function scopedDraftKey(key: string, userId: string | undefined): string {
  return userId === undefined ? key : `@${encodeURIComponent(userId)}/${key}`;
}
