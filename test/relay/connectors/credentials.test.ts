// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { helpdeskRequest } from '../../../src/relay/connectors/http';

const URL_WITH_PASSWORD = 'http://root:hunter2-7731@rt.example:8443/REST/2.0/ticket?debug=1';

describe('helpdesk credentials written in a URL', () => {
  it('go as a Basic header, never in the URL fetched, and messages name host and path only', async () => {
    const seen: { url: string; auth: string | null }[] = [];
    const fetchStub = (async (url: string, init: RequestInit) => {
      seen.push({ url, auth: new Headers(init.headers).get('authorization') });
      return new Response('<h1>Login</h1>', {
        status: 200,
        headers: { 'Content-Type': 'text/html' },
      });
    }) as unknown as typeof fetch;
    const error = await helpdeskRequest(
      URL_WITH_PASSWORD,
      { method: 'POST' },
      {
        connector: 'rt',
        action: 'create ticket',
        fetch: fetchStub,
      },
    ).catch((e: Error) => e);
    expect(seen).toEqual([
      {
        url: 'http://rt.example:8443/REST/2.0/ticket?debug=1',
        auth: `Basic ${btoa('root:hunter2-7731')}`,
      },
    ]);
    expect((error as Error).message).toBe(
      'rt create ticket (POST rt.example:8443/REST/2.0/ticket): 200 with text/html instead of JSON (an error or login page?): <h1>Login</h1>',
    );
  });

  it('never reach a message when the helpdesk cannot be reached or echoes the URL', async () => {
    const echo = (async () =>
      new Response(`bad gateway for ${URL_WITH_PASSWORD}`, {
        status: 502,
      })) as unknown as typeof fetch;
    const refused = (async (url: string) => {
      throw new TypeError(`fetch failed for http://root:hunter2-7731@${new URL(url).host}/`);
    }) as unknown as typeof fetch;
    for (const stub of [echo, refused]) {
      const error = (await helpdeskRequest(
        URL_WITH_PASSWORD,
        {},
        {
          connector: 'rt',
          action: 'find ticket',
          fetch: stub,
        },
      ).catch((e: Error) => e)) as Error & { cause?: unknown };
      expect(error.message).toContain('rt find ticket (GET rt.example:8443/REST/2.0/ticket)');
      expect(
        JSON.stringify({ m: error.message, s: error.stack, c: String(error.cause) }),
      ).not.toContain('hunter2');
    }
  });
});
