import { describe, expect, it } from 'vitest';
import { createTypingThrottle, TYPING_EVERY_MS } from '../../src/relay';

describe('createTypingThrottle', () => {
  it('lets one signal per key through every 2 s: 1999 ms later is dropped, 2000 ms passes', () => {
    const throttle = createTypingThrottle();
    expect(TYPING_EVERY_MS).toBe(2000);
    expect(throttle.pass('c1', 0)).toBe(true);
    expect(throttle.pass('c1', 1999)).toBe(false);
    expect(throttle.pass('c1', 2000)).toBe(true);
    expect(throttle.pass('c1', 3999)).toBe(false);
  });

  it('throttles each key on its own', () => {
    const throttle = createTypingThrottle();
    expect(throttle.pass('agent-a c1', 5000)).toBe(true);
    expect(throttle.pass('agent-b c1', 5001)).toBe(true);
    expect(throttle.pass('agent-a c2', 5002)).toBe(true);
    expect(throttle.pass('agent-a c1', 5003)).toBe(false);
  });

  it('remembers at most maxKeys keys, forgetting the half signalled longest ago', () => {
    const throttle = createTypingThrottle(2000, 4);
    for (const [i, key] of ['k1', 'k2', 'k3', 'k4'].entries()) throttle.pass(key, i);
    // k1 passes again after its wait, so it is the newest: k2 and k3 are the oldest now.
    expect(throttle.pass('k1', 2000)).toBe(true);
    expect(throttle.pass('k5', 2001)).toBe(true); // a fifth key: k2 and k3 are forgotten
    expect(throttle.pass('k4', 2002)).toBe(false);
    expect(throttle.pass('k1', 2003)).toBe(false);
    expect(throttle.pass('k5', 2004)).toBe(false);
    expect(throttle.pass('k2', 2005)).toBe(true);
    expect(throttle.pass('k3', 2006)).toBe(true);
  });
});
