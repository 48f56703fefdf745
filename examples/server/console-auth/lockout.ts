import type { AgentStore } from './agent-store';

/** How repeated failed sign-ins are slowed down. */
export interface LockoutPolicy {
  /** Failures of one account within `windowMs` before it is locked. @default 5 */
  perAccount: number;
  /** Failures from one client address within `windowMs` before it is locked. @default 20 */
  perAddress: number;
  /** @default 900000 (15 minutes) */
  windowMs: number;
  /** The first lock; each further failure doubles it. @default 60000 */
  baseLockMs: number;
  /** @default 3600000 (an hour) */
  maxLockMs: number;
}

/** The default policy: 5 failures per account, 20 per address, in 15 minutes. */
export const DEFAULT_LOCKOUT: LockoutPolicy = {
  perAccount: 5,
  perAddress: 20,
  windowMs: 15 * 60_000,
  baseLockMs: 60_000,
  maxLockMs: 60 * 60_000,
};

/** Counts failed sign-ins per account and per address, and locks either after too many. */
export function createLockout(agents: AgentStore, policy: LockoutPolicy) {
  const limitOf = (key: string) => (key.startsWith('ip:') ? policy.perAddress : policy.perAccount);
  return {
    /** Milliseconds until the first of `keys` unlocks, or 0 when none is locked. */
    async lockedFor(keys: readonly string[], now: number): Promise<number> {
      let wait = 0;
      for (const key of keys) {
        const record = await agents.getFailures(key);
        if (record && record.lockedUntil > now) wait = Math.max(wait, record.lockedUntil - now);
      }
      return wait;
    },
    /** Counts a failure on each key; answers the lock it caused (0 when none). */
    async fail(keys: readonly string[], now: number): Promise<number> {
      let locked = 0;
      for (const key of keys) {
        const old = await agents.getFailures(key);
        const fresh = !old || now - old.firstAt > policy.windowMs;
        const count = fresh ? 1 : old.count + 1;
        const over = count - limitOf(key);
        const lockMs =
          over >= 0 ? Math.min(policy.maxLockMs, policy.baseLockMs * 2 ** Math.min(over, 20)) : 0;
        await agents.putFailures(key, {
          count,
          firstAt: fresh ? now : old.firstAt,
          lockedUntil: lockMs ? now + lockMs : 0,
        });
        locked = Math.max(locked, lockMs);
      }
      return locked;
    },
    /** A successful sign-in clears the account's count (an address's count stays). */
    async succeed(accountKey: string): Promise<void> {
      await agents.clearFailures(accountKey);
    },
  };
}
