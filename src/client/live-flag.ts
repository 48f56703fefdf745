/**
 * The localStorage key that says a user has conversations on this device. The client shell reads
 * it at start (a few bytes of code, no IndexedDB), so only users with a conversation load the
 * live-support code then, and the launcher's unread badge is right from the first paint on.
 */
export const liveKey = (userId: string | undefined) => `kefu-live:${userId ?? ''}`;
