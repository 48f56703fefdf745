import { describe, expect, it } from 'vitest';
import { KefuError, isKefuError, summarizeIssues } from 'kefu/errors';

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

describe('summarizeIssues', () => {
  it('replaces zod/mini\'s bare "Invalid input" with words that say what is expected', () => {
    const text = summarizeIssues([
      { code: 'invalid_type', expected: 'string', path: ['category'], message: 'Invalid input' },
      {
        code: 'too_big',
        origin: 'string',
        maximum: 300,
        path: ['subject'],
        message: 'Invalid input',
      },
      {
        code: 'invalid_format',
        format: 'email',
        path: ['contact', 'email'],
        message: 'Invalid input',
      },
      { code: 'invalid_value', values: ['a', 'b'], path: ['priority'], message: 'Invalid input' },
    ]);
    expect(text).toBe(
      '`category` expected string; `subject` must be at most 300 characters; `contact.email` must be a valid email; `priority` must be one of "a", "b"',
    );
  });

  it('keeps a message a schema wrote itself', () => {
    expect(summarizeIssues([{ path: [], message: 'Write a question first' }])).toBe(
      'Write a question first',
    );
  });
});
