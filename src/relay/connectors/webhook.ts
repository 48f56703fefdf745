import * as z from 'zod/mini';
import { helpdeskRequest } from './http';
import { renderEnvelope, toBase64 } from './render';
import type { Connector } from './types';
import { signWebhook, WEBHOOK_HEADERS } from './webhook-signature';

/** Options of {@link createWebhookConnector}. */
export interface WebhookConnectorOptions {
  /** Where to POST, e.g. the app's own back end. */
  url: string;
  /** The shared secret of the HMAC; the receiver checks it with `verifyWebhookSignature`. */
  secret: string;
  /** @default 'webhook' */
  name?: string;
  /** @default 15000 */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** @default Date.now */
  now?: () => number;
}

const answer = z.optional(z.object({ id: z.optional(z.union([z.string(), z.number()])) }));

/**
 * Posts each envelope as signed JSON: the envelope, an agent-readable summary, and the files
 * inline (base64). A generic receiver has no search to look a ticket up by, so deduplication is
 * its part of the contract: every request carries `Idempotency-Key: <envelope id>`, the same on
 * every retry. The receiver's `{ id }`, when it answers one, is recorded as the ref.
 */
/* @__NO_SIDE_EFFECTS__ */
export function createWebhookConnector(options: WebhookConnectorOptions): Connector {
  const name = options.name ?? 'webhook';
  const now = options.now ?? Date.now;
  return {
    name,
    async deliver(submission, context) {
      const rendered = renderEnvelope(submission.envelope);
      const files = (await context.attachments()).map((a) => ({
        ...a.meta,
        base64: toBase64(a.bytes),
      }));
      const body = JSON.stringify({
        id: submission.id,
        kind: submission.kind,
        receivedAt: submission.receivedAt,
        ...(context.parentRef ? { parentRef: context.parentRef } : {}),
        subject: rendered.subject,
        summary: rendered.text,
        envelope: submission.envelope,
        attachments: files,
      });
      const timestamp = Math.floor(now() / 1000);
      const headers = {
        'Content-Type': 'application/json',
        'Idempotency-Key': submission.id,
        [WEBHOOK_HEADERS.timestamp]: String(timestamp),
        [WEBHOOK_HEADERS.signature]: await signWebhook(options.secret, timestamp, body),
      };
      const reply = await helpdeskRequest(
        options.url,
        { method: 'POST', headers, body },
        {
          connector: name,
          action: 'deliver',
          ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
          ...(options.fetch ? { fetch: options.fetch } : {}),
        },
      );
      const parsed = answer.safeParse(reply);
      return parsed.success && parsed.data?.id !== undefined
        ? String(parsed.data.id)
        : submission.id;
    },
  };
}
