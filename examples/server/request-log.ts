/**
 * What the test controls report about write requests, by Idempotency-Key: how many reached the
 * relay, and how many arrived before the deadline of a Retry-After this server had given for that
 * key (an "early" request). Made only with `testControls`: in `npm start` nothing is kept per key,
 * so the server's memory does not grow with the tickets it receives.
 */
export interface RequestLog {
  /** A write request arrived (before any injected fault). */
  arrived(key: string, now: number): void;
  /** A write request reached the relay. */
  reached(key: string): void;
  /** The server answered a write with this Retry-After (seconds), which it expects honoured. */
  askedToWait(key: string, retryAfter: string | null, now: number): void;
  /** Write requests that reached the relay, by key. */
  readonly received: Map<string, number>;
  /** Requests that came before their key's Retry-After deadline, by key. */
  readonly early: Map<string, number>;
  /** Retry-After answers given, all keys together. */
  readonly waitsAsked: number;
  clear(): void;
}

/** Creates an empty {@link RequestLog}. */
export function createRequestLog(): RequestLog {
  const received = new Map<string, number>();
  const early = new Map<string, number>();
  const deadlines = new Map<string, number>();
  let waitsAsked = 0;
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  return {
    arrived(key, now) {
      if (now < (deadlines.get(key) ?? 0)) bump(early, key);
    },
    reached: (key) => void bump(received, key),
    askedToWait(key, retryAfter, now) {
      // Only delta-seconds: the form this server (and its injected faults) send.
      if (!retryAfter || !/^\d+$/.test(retryAfter)) return;
      waitsAsked++;
      deadlines.set(key, Math.max(deadlines.get(key) ?? 0, now + Number(retryAfter) * 1000));
    },
    received,
    early,
    get waitsAsked() {
      return waitsAsked;
    },
    clear() {
      received.clear();
      early.clear();
      deadlines.clear();
      waitsAsked = 0;
    },
  };
}
