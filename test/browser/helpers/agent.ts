import type { BrowserContext } from 'playwright-core';
import type { RunningServer } from '../../../examples/server/server';
import { agentFor } from '../../server/helpers';

/**
 * Signs the browser context in as the server's test agent (its session cookie in the context's
 * jar) and answers the CSRF token the console's forms must carry.
 */
export async function signInBrowser(
  context: BrowserContext,
  server: RunningServer,
): Promise<string> {
  const agent = await agentFor(server);
  const eq = agent.cookie.indexOf('=');
  await context.addCookies([
    { name: agent.cookie.slice(0, eq), value: agent.cookie.slice(eq + 1), url: server.url },
  ]);
  return agent.csrf;
}
