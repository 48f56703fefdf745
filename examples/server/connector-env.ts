import {
  createChatwootConnector,
  createFreshdeskConnector,
  createGitHubIssuesConnector,
  createJiraServiceManagementConnector,
  createRequestTrackerConnector,
  createWebhookConnector,
  createZendeskConnector,
  type Connector,
} from '../../src/relay';

type Env = Record<string, string | undefined>;

// Each helpdesk is switched on by its first variable; the others it needs are then required.
const HELPDESKS: { first: string; make(env: Env, need: (name: string) => string): Connector }[] = [
  {
    first: 'KEFU_RT_URL',
    make: (env, need) =>
      createRequestTrackerConnector({
        url: need('KEFU_RT_URL'),
        auth: env.KEFU_RT_TOKEN
          ? { token: env.KEFU_RT_TOKEN }
          : { user: need('KEFU_RT_USER'), password: need('KEFU_RT_PASSWORD') },
        ...(env.KEFU_RT_QUEUE ? { queue: env.KEFU_RT_QUEUE } : {}),
      }),
  },
  {
    first: 'KEFU_ZENDESK_URL',
    make: (env, need) =>
      createZendeskConnector({
        url: need('KEFU_ZENDESK_URL'),
        auth: env.KEFU_ZENDESK_EMAIL
          ? { email: env.KEFU_ZENDESK_EMAIL, token: need('KEFU_ZENDESK_TOKEN') }
          : 'anonymous',
      }),
  },
  {
    first: 'KEFU_FRESHDESK_URL',
    make: (_env, need) =>
      createFreshdeskConnector({
        url: need('KEFU_FRESHDESK_URL'),
        apiKey: need('KEFU_FRESHDESK_API_KEY'),
      }),
  },
  {
    first: 'KEFU_JSM_URL',
    make: (_env, need) =>
      createJiraServiceManagementConnector({
        url: need('KEFU_JSM_URL'),
        email: need('KEFU_JSM_EMAIL'),
        token: need('KEFU_JSM_TOKEN'),
        serviceDeskId: need('KEFU_JSM_SERVICE_DESK_ID'),
        requestTypeId: need('KEFU_JSM_REQUEST_TYPE_ID'),
      }),
  },
  {
    first: 'KEFU_CHATWOOT_URL',
    make: (_env, need) =>
      createChatwootConnector({
        url: need('KEFU_CHATWOOT_URL'),
        inboxIdentifier: need('KEFU_CHATWOOT_INBOX'),
      }),
  },
  {
    first: 'KEFU_GITHUB_REPO',
    make: (_env, need) =>
      createGitHubIssuesConnector({
        repo: need('KEFU_GITHUB_REPO'),
        token: need('KEFU_GITHUB_TOKEN'),
      }),
  },
  {
    first: 'KEFU_WEBHOOK_URL',
    make: (_env, need) =>
      createWebhookConnector({
        url: need('KEFU_WEBHOOK_URL'),
        secret: need('KEFU_WEBHOOK_SECRET'),
      }),
  },
];

/**
 * The connector the environment configures, or undefined when none is (the default: `npm start`
 * forwards nothing and queues nothing; the inbox is the helpdesk then, and one configured later
 * receives what arrives from then on, not tickets already answered in the inbox). Refuses
 * two helpdesks at once and names a missing variable; it never repeats a value, since values are
 * credentials.
 */
export function connectorFromEnv(env: Env = process.env): Connector | undefined {
  const chosen = HELPDESKS.filter((h) => env[h.first]);
  if (chosen.length > 1)
    throw new Error(`Configure one helpdesk, not ${chosen.map((h) => h.first).join(' and ')}.`);
  const helpdesk = chosen[0];
  if (!helpdesk) return undefined;
  const need = (name: string) => {
    const value = env[name];
    if (!value) throw new Error(`${helpdesk.first} is set, so ${name} is needed too.`);
    return value;
  };
  return helpdesk.make(env, need);
}
