import { describe, expect, it } from 'vitest';
import { createKefu, isKefuError, type KefuConfig, type KefuError } from 'kefu';

const valid = { endpoint: 'https://support.example.com/api', appId: 'demo' };

async function refusal(config: Record<string, unknown>): Promise<KefuError> {
  const kefu = createKefu(config as unknown as KefuConfig);
  try {
    await kefu.ready();
  } catch (error) {
    if (isKefuError(error, 'invalid_config')) return error;
    throw error;
  } finally {
    kefu.destroy();
  }
  throw new Error('createKefu accepted an unknown option');
}

// A typo was dropped silently and the error named the missing key: now ready() and every
// submission reject naming the unknown key and the one it most likely meant.
describe('createKefu with an option it does not know', () => {
  it('names a misspelt endpoint and suggests the right name, as the first problem', async () => {
    const error = await refusal({ endpiont: valid.endpoint, appId: 'demo' });
    expect(error.message).toMatch(
      /^createKefu: unknown option `endpiont`: did you mean `endpoint`\?\. Known options: endpoint, appId, /,
    );
    expect(error.field).toBe('endpiont');
  });

  it('maps the names other SDKs use: lang to locale, url to endpoint, timeout to timeoutMs', async () => {
    for (const [wrong, right] of [
      ['lang', 'locale'],
      ['language', 'locale'],
      ['url', 'endpoint'],
      ['baseURL', 'endpoint'],
      ['timeout', 'timeoutMs'],
      ['appID', 'appId'],
      ['app_id', 'appId'],
    ] as const) {
      const error = await refusal({ ...valid, [wrong]: 'x' });
      expect(error.message, wrong).toContain(
        `unknown option \`${wrong}\`: did you mean \`${right}\`?`,
      );
    }
  });

  it('names an unknown key inside user, with the user prefix', async () => {
    const error = await refusal({ ...valid, user: { id: 'u1', emial: 'a@example.com' } });
    expect(error.message).toMatch(
      /^createKefu: unknown option `user.emial`: did you mean `user.email`\?/,
    );
    expect(error.field).toBe('user.emial');
  });

  it('lists every unknown key, and suggests nothing for a name far from all options', async () => {
    const error = await refusal({ ...valid, loacle: 'en', zzzzzz: 1 });
    expect(error.message).toMatch(
      /^createKefu: unknown option `loacle`: did you mean `locale`\?; /,
    );
    expect(error.message).toContain('; unknown option `zzzzzz`. Known options:');
  });

  it("takes the names of an object's own members for unknown options too", async () => {
    for (const name of ['toString', 'constructor', 'hasOwnProperty']) {
      const error = await refusal({ ...valid, [name]: 'x' });
      expect(error.message, name).toMatch(new RegExp(`^createKefu: unknown option \`${name}\``));
      expect(error.field).toBe(name);
    }
  });

  it('refuses the next call when setUser gives a user with an unknown key, and not before', async () => {
    const kefu = createKefu({ ...valid, user: { id: 'u1' } });
    await expect(kefu.ready()).resolves.toMatchObject({ user: { id: 'u1' } });
    kefu.setUser({ id: 'u2', emial: 'b@example.com' } as never);
    const error = await kefu.ready().catch((e: unknown) => e);
    expect(isKefuError(error, 'invalid_config')).toBe(true);
    expect((error as KefuError).message).toMatch(
      /^createKefu: unknown option `user.emial`: did you mean `user.email`\?/,
    );
    kefu.setUser({ id: 'u3' });
    await expect(kefu.ready()).resolves.toMatchObject({ endpoint: valid.endpoint });
    kefu.destroy();
  });

  it('accepts every documented option', async () => {
    const kefu = createKefu({
      ...valid,
      appVersion: '1.0',
      locale: 'en',
      user: { id: 'u', name: 'n', email: 'u@example.com', phone: '1', token: 't' },
      timeoutMs: 5000,
      outbox: { maxEntries: 5 },
      region: 'CN',
      vip: false,
      events: false,
      reportReasons: ['spam'],
    });
    await expect(kefu.ready()).resolves.toMatchObject({ locale: 'en' });
    kefu.destroy();
  });
});
