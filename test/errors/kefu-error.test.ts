import { describe, expect, it } from 'vitest';
import { KefuError, isKefuError } from 'kefu/errors';

describe('KefuError', () => {
  it('carries its code, field, status and cause', () => {
    const cause = new TypeError('boom');
    const error = new KefuError('rejected', 'The server refused it', {
      cause,
      field: 'contact.email',
      status: 422,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('KefuError');
    expect(error.code).toBe('rejected');
    expect(error.field).toBe('contact.email');
    expect(error.status).toBe(422);
    expect(error.cause).toBe(cause);
  });

  it('is recognised across realms by name and code, not by instanceof', () => {
    const foreign = { name: 'KefuError', code: 'network', message: 'x' };
    expect(isKefuError(foreign)).toBe(true);
    expect(isKefuError(foreign, 'network')).toBe(true);
    expect(isKefuError(foreign, 'rejected')).toBe(false);
  });

  it('is not fooled by look-alikes', () => {
    expect(isKefuError(new Error('x'))).toBe(false);
    expect(isKefuError({ name: 'KefuError', code: 'no_such_code' })).toBe(false);
    expect(isKefuError(null)).toBe(false);
    expect(isKefuError('KefuError')).toBe(false);
  });
});
