import { describe, expect, it } from 'vitest';
import { createKefu, isKefuError, type KefuError } from 'kefu';
import { createMemoryStore } from 'kefu/storage';

const valid = { endpoint: 'https://support.example.com/api', appId: 'demo', storage: createMemoryStore() };

function configError(config: unknown): KefuError {
  try {
    createKefu(config as never).destroy();
  } catch (error) {
    if (isKefuError(error)) return error;
    throw error;
  }
  throw new Error('createKefu accepted a wrong config');
}

describe('createKefu config', () => {
  it('accepts a minimal config and defaults the locale', () => {
    const kefu = createKefu({ ...valid, locale: 'zh-CN' });
    expect(kefu.config.endpoint).toBe(valid.endpoint);
    expect(kefu.locale).toBe('zh-CN');
    kefu.destroy();
  });

  it('names a missing endpoint and shows what to write', () => {
    const error = configError({ appId: 'demo' });
    expect(error.code).toBe('invalid_config');
    expect(error.field).toBe('endpoint');
    expect(error.message).toContain("endpoint: 'https://support.example.com/api'");
  });

  it('refuses an endpoint that is not http(s)', () => {
    expect(configError({ ...valid, endpoint: 'ftp://example.com' }).field).toBe('endpoint');
    expect(configError({ ...valid, endpoint: 'support.example.com' }).field).toBe('endpoint');
  });

  it('names a nested field: a user email that is not an email', () => {
    const error = configError({ ...valid, user: { id: 'u1', email: 'not-an-email' } });
    expect(error.field).toBe('user.email');
    expect(error.message).toContain('`user.email` must be a valid email');
  });

  it('refuses hooks that are not functions', () => {
    expect(configError({ ...valid, beforeSend: 'scrub' }).field).toBe('beforeSend');
    expect(configError({ ...valid, auth: { token: 'x' } }).field).toBe('auth');
  });

  it('refuses a malformed locale and an out-of-range timeout', () => {
    expect(configError({ ...valid, locale: 'chinese!' }).field).toBe('locale');
    expect(configError({ ...valid, timeoutMs: 5 }).field).toBe('timeoutMs');
  });

  it('throws invalid_config for no config at all', () => {
    expect(configError(undefined).code).toBe('invalid_config');
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
