import { KefuError } from '../errors';
import type { StreamOptions } from './options';

/**
 * New streams and long polls one instance opens per second by default. From
 * `npm run bench -- stream-sockets` (one Node process, SQLite, 64 opening at once): 10,000 opens
 * took 83 s while the process had about a fifth of a core (load 22 on 2 cores), about 1.8 ms of
 * CPU each, so one core opens some 550 a second; the default keeps opens under half of a core
 * and leaves the rest to messages and the console while a crowd comes back.
 */
export const DEFAULT_OPENS_PER_SECOND = 250;
/** Opens admitted at once above the rate unless `opensBurst` says otherwise: a tenth of it. */
export const defaultOpensBurst = (opensPerSecond: number) =>
  Math.max(1, Math.ceil(opensPerSecond / 10));
/** The longest `Retry-After` a refused open is told, however long the queue: 2 minutes. */
export const MAX_OPEN_WAIT_SECONDS = 120;
/** A long poll that follows its client's last one within this many ms continues a session. */
export const POLL_CONTINUE_MS = 10_000;

/** The rate at which one relay instance opens new streams and long polls. */
export interface StreamAdmissionOptions {
  /** New streams and long polls opened per second, on average. */
  perSecond: number;
  /** Opened at once after a quiet moment, before the rate applies. */
  burst: number;
  /** The longest `Retry-After` told, in seconds, however long the queue. */
  maxWaitSeconds: number;
  /** How long after a long poll ends its client's next poll continues it, in milliseconds. */
  continueMs: number;
  /** Credits one client holds at most: the long polls it may hold at once. */
  maxCreditsPerClient: number;
}

/**
 * Admission of new streams: `0` when one may open now, else the whole seconds to send as
 * `Retry-After`. A refusal is a promise: the caller's place in a queue at the instance's rate.
 */
export interface StreamAdmission {
  /** Whether a new stream may open now, taking nothing (a refusal still queues the caller). */
  peek(now: number, client: string): number;
  /** Takes the opening of one stream or poll. */
  take(now: number, client: string): number;
  /** A long poll of `client` ended: its next poll within `continueMs` is the same session. */
  pollEnded(now: number, client: string): void;
  /**
   * Opens at `perSecond` with `burst` from now on (pacing lowers the rate while the process runs
   * late): slots already promised and the meter's state are kept, so nothing admitted or told
   * is taken back. Refused requests are told slots `promisedPerSecond` apart (`perSecond` unless
   * said): a rate starting slow promises at the rate it climbs to, not at its first.
   */
  setRate(perSecond: number, burst: number, promisedPerSecond?: number): void;
  /** The rate now, in opens per second. */
  readonly perSecond: number;
  /** Opens the meter has admitted so far (a long poll going on with its credit is not one). */
  readonly metered: number;
  /** Requests the meter has refused so far: each was told a slot, the rate was their limit. */
  readonly refused: number;
  /**
   * Clients holding credits: those whose credits expired count until the next sweep, which runs
   * when the count passes twice what the last sweep left (1024 at least), so memory stays
   * bounded by the clients that poll, not by every client that ever did.
   */
  readonly creditedClients: number;
}

/**
 * Makes an instance's admission of new streams: a leaky bucket as a meter (GCRA), `perSecond`
 * with a `burst`, exact at both edges. Each refused request is told its own slot: the k-th
 * refused in a crowd comes back k/perSecond seconds after the bucket frees (rounded up to whole
 * seconds, as `Retry-After` has no finer unit), so a crowd refused together comes back as a flat
 * stream at the rate the instance serves, not in one second and not with gaps. Streams already
 * open are never counted or cut; a long poll that follows its own last poll (answered within
 * `continueMs`) is a session going on, not a new open, so polling TVs are not refused in steady
 * state: each ended poll lends its client one such credit.
 */
/* @__NO_SIDE_EFFECTS__ */
export function createStreamAdmission(options: StreamAdmissionOptions): StreamAdmission {
  let perSecond = options.perSecond;
  let interval = 1000 / perSecond;
  // The bucket admits at `t` while the theoretical arrival time is at most `t + tolerance`.
  let tolerance = (options.burst - 1) * interval;
  let promiseEvery = interval;
  const maxWaitMs = options.maxWaitSeconds * 1000;
  let arrival = -Infinity;
  // The next slot not yet promised to a refused request.
  let promised = -Infinity;
  // Credits of clients whose long poll just ended: their expiry times, oldest first.
  const credits = new Map<string, number[]>();
  let pruneAt = 1024;
  let metered = 0;
  let refused = 0;

  const refuse = (now: number) => {
    refused += 1;
    const slot = Math.max(promised, arrival - tolerance);
    if (slot - now > maxWaitMs) return options.maxWaitSeconds;
    promised = slot + promiseEvery;
    return Math.max(1, Math.ceil((slot - now) / 1000));
  };
  const credit = (now: number, client: string, spend: boolean) => {
    const list = credits.get(client);
    while (list?.length && list[0]! <= now) list.shift();
    if (!list?.length) {
      credits.delete(client);
      return false;
    }
    if (spend) list.shift();
    if (!list.length) credits.delete(client);
    return true;
  };
  // Slack for rounding: an interval such as 1000/60 ms, added up `burst` times to a timestamp
  // near 1.8e12 (where the last bit of a double is worth 0.00024 ms), may come out above
  // `tolerance` computed at once and refuse the burst's last open. A twentieth of a millisecond
  // covers 200 such additions, and admits nothing a whole millisecond early.
  const free = (now: number) => Math.max(arrival, now) <= now + tolerance + 0.05;

  return {
    peek(now, client) {
      return credit(now, client, false) || free(now) ? 0 : refuse(now);
    },
    take(now, client) {
      if (credit(now, client, true)) return 0;
      if (!free(now)) return refuse(now);
      arrival = Math.max(arrival, now) + interval;
      metered += 1;
      return 0;
    },
    pollEnded(now, client) {
      const list = credits.get(client) ?? [];
      list.push(now + options.continueMs);
      if (list.length > options.maxCreditsPerClient) list.shift();
      credits.set(client, list);
      // Credits of clients that never came back, dropped whenever the map doubled since.
      if (credits.size > pruneAt) {
        for (const key of [...credits.keys()]) credit(now, key, false);
        pruneAt = Math.max(1024, 2 * credits.size);
      }
    },
    setRate(rate, burst, promisedRate = rate) {
      perSecond = rate;
      interval = 1000 / rate;
      tolerance = (burst - 1) * interval;
      promiseEvery = 1000 / promisedRate;
    },
    get perSecond() {
      return perSecond;
    },
    get metered() {
      return metered;
    },
    get refused() {
      return refused;
    },
    get creditedClients() {
      return credits.size;
    },
  };
}

function invalid(field: string, message: string): never {
  throw new KefuError('invalid_config', `createRelay: \`streams.${field}\` ${message}`, {
    field: `streams.${field}`,
  });
}

/**
 * The admission of a relay's `streams` options, checked (`invalid_config` naming the field), or
 * undefined when `opensPerSecond` is `Infinity`. A client holds at most `maxPerClient` credits.
 */
export function streamAdmissionOf(
  options: StreamOptions,
  maxPerClient: number,
): StreamAdmission | undefined {
  const perSecond = options.opensPerSecond ?? DEFAULT_OPENS_PER_SECOND;
  if (!(perSecond > 0)) invalid('opensPerSecond', 'must be a number > 0 (Infinity: no limit).');
  if (perSecond === Infinity) return undefined;
  const burst = options.opensBurst ?? defaultOpensBurst(perSecond);
  if (!Number.isInteger(burst) || burst < 1) invalid('opensBurst', 'must be a whole number ≥ 1.');
  return createStreamAdmission({
    perSecond,
    burst,
    maxWaitSeconds: MAX_OPEN_WAIT_SECONDS,
    continueMs: POLL_CONTINUE_MS,
    maxCreditsPerClient: maxPerClient,
  });
}
