import { KefuError } from '../errors';
import { summarizeIssues } from '../errors/format-issues';
import { envelopePath, responseSchemaFor, type Envelope } from '../protocol';
import type { SendableAttachment, SentBody } from './types';

/** An HTTP request as fetch takes it. */
export interface AdapterRequest {
  url: string;
  init: RequestInit;
}

/**
 * Maps envelopes to one back end's HTTP API. The transport adds the auth headers, the timeout and
 * the classification of the answer by status; the adapter builds the request and reads a 2xx body.
 */
export interface Adapter {
  /** `proof.ticketSecret`: the ticket secret of a ticket or a reply, for back ends that check authorship. */
  toRequest(
    envelope: Envelope,
    attachments: readonly SendableAttachment[],
    endpoint: string,
    proof?: { ticketSecret?: string },
  ): AdapterRequest;
  /** Reads a success body; a throw makes the answer an `invalid_response` (retried). */
  parseSuccess(response: Response, envelope: Envelope): Promise<SentBody>;
}

// The envelope goes first as a plain field, then each attachment as a file part named by its
// metadata's `part`. fetch sets the multipart boundary itself, so no Content-Type is set then.
function post(
  url: string,
  envelope: Envelope,
  attachments: readonly SendableAttachment[],
  headers: Record<string, string>,
): AdapterRequest {
  let body: string | FormData = JSON.stringify(envelope);
  if (attachments.length) {
    const form = new FormData();
    form.append('envelope', body);
    for (const a of attachments)
      form.append(a.part, new File(['blob' in a ? a.blob : a.data], a.name, { type: a.type }));
    body = form;
  } else headers = { 'Content-Type': 'application/json', ...headers };
  return { url, init: { method: 'POST', body, headers } };
}

// A back end that is not kefu's may answer anything on success: its `id` if it gives a string one.
async function idOrEnvelopeId(response: Response, envelope: Envelope): Promise<SentBody> {
  const data = await response.json().catch(() => undefined);
  return { id: typeof data?.id === 'string' && data.id ? data.id : envelope.id };
}

/**
 * The kefu wire protocol: `POST {endpoint}/tickets`, `/feedback` or `/tickets/{id}/replies`, with
 * `Idempotency-Key: <envelope id>`; the answer must pass the protocol's response schema.
 */
/* @__NO_SIDE_EFFECTS__ */
export function kefuAdapter(): Adapter {
  return {
    toRequest: (envelope, attachments, endpoint, proof) =>
      post(endpoint.replace(/\/+$/, '') + envelopePath(envelope), envelope, attachments, {
        'Idempotency-Key': envelope.id,
        ...(proof?.ticketSecret ? { 'Kefu-Ticket-Secret': proof.ticketSecret } : {}),
      }),
    async parseSuccess(response, envelope) {
      const result = responseSchemaFor(envelope.kind).safeParse(await response.json());
      if (!result.success)
        throw new KefuError('invalid_response', summarizeIssues(result.error.issues), {
          cause: result.error,
        });
      return result.data;
    },
  };
}

/** Options of {@link webhookAdapter}. */
export interface WebhookOptions {
  /** Where every envelope is posted, whatever its kind. */
  url: string;
  /** Static headers, such as a shared secret the webhook checks. @default {} */
  headers?: Record<string, string>;
  /** Send `Idempotency-Key`; turn off when the webhook's CORS policy does not allow the header. @default true */
  idempotencyKey?: boolean;
}

/**
 * Posts every envelope as JSON (multipart when it has attachments) to one URL; any 2xx is
 * success, and the id is the body's `id` when it is a string, else the envelope's.
 */
/* @__NO_SIDE_EFFECTS__ */
export function webhookAdapter({ url, headers, idempotencyKey = true }: WebhookOptions): Adapter {
  return {
    toRequest: (envelope, attachments) =>
      post(url, envelope, attachments, {
        ...(idempotencyKey && { 'Idempotency-Key': envelope.id }),
        ...headers,
      }),
    parseSuccess: idOrEnvelopeId,
  };
}

/** Options of {@link customAdapter}: how to reach any other endpoint. */
export interface CustomAdapterOptions {
  /** Builds the request; add the `Idempotency-Key` yourself where the back end honours one. */
  toRequest(
    envelope: Envelope,
    attachments: readonly SendableAttachment[],
    endpoint: string,
    proof?: { ticketSecret?: string },
  ): AdapterRequest;
  /** Reads a 2xx answer. @default the body's string `id`, else the envelope id */
  parseResponse?(response: Response, envelope: Envelope): SentBody | Promise<SentBody>;
}

/**
 * An adapter from your own mapping (the `mapRequest` of the design): for a helpdesk's end-user
 * API or any endpoint that is neither kefu's relay nor a plain webhook.
 */
/* @__NO_SIDE_EFFECTS__ */
export function customAdapter({
  toRequest,
  parseResponse = idOrEnvelopeId,
}: CustomAdapterOptions): Adapter {
  return {
    toRequest,
    parseSuccess: async (response, envelope) => parseResponse(response, envelope),
  };
}
