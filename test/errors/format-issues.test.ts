import { describe, expect, it } from 'vitest';
// Internal: the wording of schema issues each build bundles for itself (kefu/errors exports only
// KefuError, so that an app's start does not carry it).
import { summarizeIssues } from '../../src/errors/format-issues';

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
