/** How long a typing indicator lasts unless renewed: the client renews it every few seconds. */
export const TYPING_MS = 6000;

/**
 * At most one typing signal per key (a conversation, an agent in a conversation) reaches the log
 * this often: a fast typist or a chatty client does not flood the streams.
 */
export const TYPING_EVERY_MS = 2000;

/** Lets one typing signal per key through every {@link TYPING_EVERY_MS}. */
export interface TypingThrottle {
  /** True when a signal for `key` at `now` (ms) goes on to the log; false when it is dropped. */
  pass(key: string, now: number): boolean;
}

/**
 * A typing throttle in memory, per process. Bounded: past `maxKeys` keys it forgets the half
 * signalled longest ago (a Map iterates in insertion order, and a passing key moves last), which
 * at worst lets one more signal through for a key it forgot.
 */
/* @__NO_SIDE_EFFECTS__ */
export function createTypingThrottle(everyMs = TYPING_EVERY_MS, maxKeys = 10_000): TypingThrottle {
  const last = new Map<string, number>();
  return {
    pass(key, now) {
      const previous = last.get(key);
      if (previous !== undefined && now - previous < everyMs) return false;
      last.delete(key);
      last.set(key, now);
      if (last.size > maxKeys)
        for (const old of [...last.keys()].slice(0, Math.ceil(maxKeys / 2))) last.delete(old);
      return true;
    },
  };
}
