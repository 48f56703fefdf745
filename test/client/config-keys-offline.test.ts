import { describe, expect, it, vi } from 'vitest';
import { createKefu, isKefuError, type KefuConfig } from 'kefu';

// What to suggest for an unknown option is a file loaded only then; offline, after the sending
// code loaded, that download fails.
vi.mock('../../src/client/config-key-hints', () => {
  throw new TypeError('Failed to fetch dynamically imported module');
});

describe('createKefu with an unknown option when its hints cannot be downloaded', () => {
  it('still refuses it with invalid_config, naming every unknown option, without a suggestion', async () => {
    const kefu = createKefu({
      endpoint: 'https://support.example.com/api',
      appId: 'demo',
      endpiont: 'x',
      user: { id: 'u1', emial: 'a@example.com' },
    } as unknown as KefuConfig);
    const error = await kefu.ready().catch((e: unknown) => e);
    kefu.destroy();
    expect(isKefuError(error, 'invalid_config')).toBe(true);
    expect((error as Error).message).toMatch(
      /^createKefu: unknown option `endpiont`; unknown option `user.emial`\. Known options: endpoint, appId, /,
    );
    expect((error as { field?: string }).field).toBe('endpiont');
  });
});
