import { describe, expect, it } from 'vitest';
import { createKefu, isKefuError, type KefuError } from 'kefu';
import { createMemoryStore } from '../../src/storage';

const valid = {
  endpoint: 'https://support.example.com/api',
  appId: 'demo',
  storage: createMemoryStore(),
};

async function configError(config: unknown): Promise<KefuError> {
  let kefu: ReturnType<typeof createKefu> | undefined;
  try {
    kefu = createKefu(config as never);
    await kefu.ready();
  } catch (error) {
    if (isKefuError(error)) return error;
    throw error;
  } finally {
    kefu?.destroy();
  }
  throw new Error('createKefu accepted a wrong config');
}

describe('createKefu config', () => {
  it('accepts a minimal config and uses its locale', async () => {
    const kefu = createKefu({ ...valid, locale: 'zh-CN' });
    expect((await kefu.ready()).endpoint).toBe(valid.endpoint);
    expect(kefu.locale).toBe('zh-CN');
    kefu.destroy();
  });

  it('defaults the locale to the browser language', () => {
    const kefu = createKefu(valid);
    expect(kefu.locale).toBe(navigator.language);
    kefu.destroy();
  });

  it('rejects every submission with the config error, so a wrong endpoint never loses a ticket silently', async () => {
    const kefu = createKefu({ appId: 'demo', endpoint: 'not a url', storage: createMemoryStore() });
    const error = await kefu
      .submitTicket({ category: 'playback', description: '卡顿' })
      .catch((e) => e);
    expect(isKefuError(error, 'invalid_config')).toBe(true);
    expect(error.field).toBe('endpoint');
    kefu.destroy();
  });

  it('names a missing endpoint and shows what to write', async () => {
    const error = await configError({ appId: 'demo' });
    expect(error.code).toBe('invalid_config');
    expect(error.field).toBe('endpoint');
    expect(error.message).toContain("endpoint: 'https://support.example.com/api'");
  });

  it('refuses an endpoint that is not http(s)', async () => {
    expect((await configError({ ...valid, endpoint: 'ftp://example.com' })).field).toBe('endpoint');
    expect((await configError({ ...valid, endpoint: 'support.example.com' })).field).toBe(
      'endpoint',
    );
  });

  it('names a nested field: a user email that is not an email', async () => {
    const error = await configError({ ...valid, user: { id: 'u1', email: 'not-an-email' } });
    expect(error.field).toBe('user.email');
    expect(error.message).toContain('`user.email` must be a valid email');
  });

  it('refuses hooks that are not functions', async () => {
    expect((await configError({ ...valid, beforeSend: 'scrub' })).field).toBe('beforeSend');
    expect((await configError({ ...valid, auth: { token: 'x' } })).message).toContain(
      'async () =>',
    );
  });

  it('refuses a malformed locale and an out-of-range timeout', async () => {
    expect((await configError({ ...valid, locale: 'chinese!' })).field).toBe('locale');
    const timeout = await configError({ ...valid, timeoutMs: 5 });
    expect(timeout.field).toBe('timeoutMs');
    expect(timeout.message).toContain('from 1000 to 120000');
  });

  it('throws invalid_config at once for no config at all', () => {
    expect(() => createKefu(undefined as never)).toThrow(/needs a config object/);
  });

  it('explains how to give search an index when none was passed', () => {
    const kefu = createKefu(valid);
    expect(() => kefu.search('卡顿')).toThrow(/createFaqIndex/);
    kefu.destroy();
  });

  it('delegates search to the injected FAQ index', () => {
    const kefu = createKefu({ ...valid, faq: { search: (q: string) => [{ q }] } });
    expect(kefu.search('buffering')).toEqual([{ q: 'buffering' }]);
    kefu.destroy();
  });
});
