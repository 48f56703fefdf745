import { describe, expect, it } from 'vitest';
import type { AgentStore } from '../../examples/server/console-auth/agent-store';

const agent = (email: string) => ({
  id: `agent-${email}`,
  email,
  name: `Name of ${email}`,
  passwordHash: `scrypt$planted-${email}`,
  createdAt: '2026-12-04T10:00:00.000Z',
});

/** What every console agent store must do, run against each store (SQLite, PostgreSQL). */
export function describeAgentStore(name: string, make: () => Promise<AgentStore>): void {
  describe(name, () => {
    it('adds agents once per email and finds them by email and by id', async () => {
      const store = await make();
      expect(await store.countAgents()).toBe(0);
      expect(await store.createAgent(agent('mei@example.com'))).toBe(true);
      expect(await store.createAgent({ ...agent('mei@example.com'), id: 'other-id' })).toBe(false);
      expect(await store.countAgents()).toBe(1);
      expect(await store.findAgentByEmail('mei@example.com')).toEqual(agent('mei@example.com'));
      expect(await store.findAgentById('agent-mei@example.com')).toEqual(agent('mei@example.com'));
      expect(await store.findAgentByEmail('nobody@example.com')).toBeUndefined();
    });

    it('finds a session until the millisecond it expires, and never after it is deleted', async () => {
      const store = await make();
      const session = {
        tokenHash: 'hash-7c1',
        agentId: 'agent-a',
        csrf: 'csrf-7c1',
        expiresAt: 5000,
      };
      await store.createSession(session);
      expect(await store.findSession('hash-7c1', 4999)).toEqual(session);
      expect(await store.findSession('hash-7c1', 5000)).toBeUndefined();
      await store.deleteSession('hash-7c1');
      expect(await store.findSession('hash-7c1', 1)).toBeUndefined();
    });

    it('lets exactly one caller take a sign-in link, and none after it expires', async () => {
      const store = await make();
      await store.createInvite('invite-1', 1000);
      await store.createInvite('invite-2', 1000);
      expect(await store.hasInvite('invite-1', 999)).toBe(true);
      const taken = await Promise.all([1, 2, 3].map(() => store.takeInvite('invite-1', 999)));
      expect(taken.filter(Boolean)).toEqual([true]);
      expect(await store.hasInvite('invite-1', 999)).toBe(false);
      expect(await store.takeInvite('invite-2', 1000)).toBe(false);
    });

    it('keeps failure counts per key until cleared or pruned', async () => {
      const store = await make();
      await store.putFailures('email:mei', { count: 3, firstAt: 100, lockedUntil: 0 });
      await store.putFailures('ip:127.0.0.1', { count: 1, firstAt: 900, lockedUntil: 2000 });
      expect(await store.getFailures('email:mei')).toEqual({
        count: 3,
        firstAt: 100,
        lockedUntil: 0,
      });
      await store.prune(1000, 500);
      expect(await store.getFailures('email:mei')).toBeUndefined();
      expect(await store.getFailures('ip:127.0.0.1')).toEqual({
        count: 1,
        firstAt: 900,
        lockedUntil: 2000,
      });
      await store.clearFailures('ip:127.0.0.1');
      expect(await store.getFailures('ip:127.0.0.1')).toBeUndefined();
    });
  });
}
