/** How an injected failure shows to the client. */
export type FaultMode =
  | '503' // answered 503 without touching the relay
  | '429' // answered 429 with Retry-After: 1
  | 'reset' // the connection is destroyed before the relay sees the request
  | 'timeout' // no answer at all until `hangMs`, then the connection is destroyed
  | 'drop-after-commit'; // the relay stores the envelope, then the connection is destroyed unanswered

/** Every fault mode, the default mix of `failRate`. */
export const FAULT_MODES: readonly FaultMode[] = [
  '503',
  '429',
  'reset',
  'timeout',
  'drop-after-commit',
];

/** The fault settings of a running server. */
export interface FaultConfig {
  /** Every API connection is destroyed, as if the server were down. */
  down: boolean;
  /** Share of API requests, 0–1, that fail in one of `modes`. */
  failRate: number;
  /** Seed of the fault sequence, so a failing run can be replayed. */
  seed: number;
  /** Which failures to draw from. */
  modes: FaultMode[];
  /** How long a `timeout` fault holds the connection before destroying it, in ms. */
  hangMs: number;
}

/** What a server decides for one API request. */
export type FaultDecision = 'down' | FaultMode | undefined;

/** The control object `startServer` returns as `faults`. */
export interface FaultControl {
  /** Merges settings over the current ones (a new `seed` restarts the sequence) and returns them. */
  set(config: Partial<FaultConfig>): FaultConfig;
  /** Back to no faults; counters cleared. */
  reset(): void;
  /** The current settings and how many faults of each kind were injected. */
  get(): FaultConfig & { injected: Record<string, number> };
  /** Draws the fault for the next API request. */
  decide(): FaultDecision;
}

const DEFAULTS: FaultConfig = {
  down: false,
  failRate: 0,
  seed: 1,
  modes: [...FAULT_MODES],
  hangMs: 15_000,
};

// mulberry32: a tiny seeded generator, so a fault schedule is reproducible from its seed.
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Creates a fault control, off until `set` turns something on. */
export function createFaultControl(): FaultControl {
  let config: FaultConfig = { ...DEFAULTS, modes: [...DEFAULTS.modes] };
  let next = random(config.seed);
  let injected: Record<string, number> = {};

  const check = (c: FaultConfig) => {
    if (!(c.failRate >= 0 && c.failRate <= 1))
      throw new TypeError('faults: `failRate` must be between 0 and 1.');
    const unknown = c.modes.filter((m) => !FAULT_MODES.includes(m));
    if (unknown.length || !c.modes.length)
      throw new TypeError(
        `faults: \`modes\` must be a non-empty list of ${FAULT_MODES.join(', ')}.`,
      );
  };

  return {
    set(partial) {
      const merged = { ...config, ...partial, modes: [...(partial.modes ?? config.modes)] };
      check(merged);
      if (partial.seed !== undefined) next = random(merged.seed);
      config = merged;
      return { ...config };
    },
    reset() {
      config = { ...DEFAULTS, modes: [...DEFAULTS.modes] };
      next = random(config.seed);
      injected = {};
    },
    get: () => ({ ...config, modes: [...config.modes], injected: { ...injected } }),
    decide() {
      const decision: FaultDecision = config.down
        ? 'down'
        : config.failRate > 0 && next() < config.failRate
          ? config.modes[Math.floor(next() * config.modes.length)]
          : undefined;
      if (decision) injected[decision] = (injected[decision] ?? 0) + 1;
      return decision;
    },
  };
}
