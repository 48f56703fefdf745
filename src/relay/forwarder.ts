import { retryDelay, type BackoffOptions } from '../shared/retry-timing';
import { ConnectorError, isConnectorError } from './connectors/connector-error';
import type { Connector } from './connectors/types';
import type { ForwardOutcome } from './forward-queue';
import type { AttachmentInput, RelayStore, StoredSubmission } from './store';

/** Options of {@link createForwarder}. */
export interface ForwarderOptions {
  /** A store with a `forwardQueue` (the memory store always; PostgreSQL with `forwardQueue: true`). */
  store: RelayStore;
  connector: Connector;
  /** Names this worker in its claims. @default a random UUID */
  instanceId?: string;
  /** How long a claim is held; past it, another worker takes the item over. @default 30000 */
  leaseMs?: number;
  /** Items claimed per round. @default 10 */
  batch?: number;
  /** Pause after a round that found nothing. @default 1000 */
  idleMs?: number;
  /** Retry timing: full-jitter exponential backoff. @default { baseMs: 1000, maxMs: 300000 } */
  backoff?: BackoffOptions;
  /** Hears one line per failed attempt (what, why, what next). @default console.warn */
  log?: (line: string) => void;
}

/** A running forwarder: `runOnce` for tests and cron, `start`/`stop` for a long-lived server. */
export interface Forwarder {
  readonly instanceId: string;
  /** Claims one batch and forwards it; resolves to how many items were delivered. */
  runOnce(): Promise<number>;
  start(): void;
  /** Stops claiming, wakes an idle pause, and waits for the item in flight. */
  stop(): Promise<void>;
}

/**
 * Forwards the store's queue to a helpdesk: the one worker for every store, run by any number of
 * instances at once (on PostgreSQL their claims use `FOR UPDATE SKIP LOCKED`, so none waits on
 * another's rows). Every item is delivered at least once by the queue's leases, and at most once
 * into the helpdesk by the connector's recorded ref and marker lookup: a worker killed between
 * the helpdesk's commit and the ref's write leaves an item that the next claim finds by its
 * marker instead of creating again. Each item's lease is re-checked just before its delivery, so
 * a batch held up behind a slow helpdesk never delivers an item another worker has taken over.
 */
/* @__NO_SIDE_EFFECTS__ */
export function createForwarder(options: ForwarderOptions): Forwarder {
  const {
    store,
    connector,
    leaseMs = 30_000,
    batch = 10,
    idleMs = 1000,
    backoff,
    log = (line: string) => console.warn(line),
  } = options;
  const queue = store.forwardQueue;
  if (!queue)
    throw new TypeError(
      'createForwarder: the store has no forwardQueue (for PostgreSQL, create it with `forwardQueue: true`).',
    );
  const instanceId = options.instanceId ?? crypto.randomUUID();
  const name = connector.name;
  let stopped = true;
  let running: Promise<void> | undefined;
  let wake: (() => void) | undefined;

  const deliver = async (submission: StoredSubmission) => {
    if (await queue.getRef(submission.id, name)) return;
    const envelope = submission.envelope;
    const parentRef =
      envelope.kind === 'reply' ? await queue.getRef(envelope.payload.ticketId, name) : undefined;
    // A reply to a ticket the helpdesk refused would otherwise wait for it forever.
    if (
      envelope.kind === 'reply' &&
      !parentRef &&
      (await queue.status(envelope.payload.ticketId))?.state === 'parked'
    ) {
      throw new ConnectorError(
        'rejected',
        `${name}: the reply ${submission.id} answers ticket ${envelope.payload.ticketId}, which the helpdesk refused (parked).`,
      );
    }
    const ref = await connector.deliver(submission, {
      ...(parentRef ? { parentRef } : {}),
      // Notes live beside the refs, under "<connector>.<key>", so they survive a worker's death.
      recall: (key) => queue.getRef(submission.id, `${name}.${key}`),
      remember: (key, value) => queue.setRef(submission.id, `${name}.${key}`, value),
      // Bytes, not streams: RT and the webhook carry files as base64 inside JSON, and the other
      // helpdesks' multipart bodies are built from Blobs, so each needs a file whole anyway. One
      // file at a time, so a forward holds one store connection and the files it has read so far.
      attachments: async () => {
        const files: AttachmentInput[] = [];
        for (const meta of envelope.kind === 'ticket' ? (envelope.payload.attachments ?? []) : []) {
          const file = await store.getAttachment(submission.id, meta.part);
          if (file) files.push(file);
        }
        return files;
      },
    });
    await queue.setRef(submission.id, name, ref);
  };

  const outcomeOf = (
    error: unknown,
    attempts: number,
  ): Exclude<ForwardOutcome, { kind: 'done' }> => {
    const message = error instanceof Error ? error.message : String(error);
    if (isConnectorError(error) && !error.retryable)
      return { kind: 'park', error: `${error.code}: ${message}` };
    const retryAfter = isConnectorError(error) ? error.retryAfterMs : undefined;
    return {
      kind: 'retry',
      delayMs: retryDelay(attempts, retryAfter, backoff),
      error: `${isConnectorError(error) ? error.code : 'error'}: ${message}`,
    };
  };

  const runOnce = async () => {
    let delivered = 0;
    for (const { submission, attempts } of await queue.claim(instanceId, {
      leaseMs,
      limit: batch,
    })) {
      // Items later in a batch may have outlived their lease behind a slow helpdesk.
      if (stopped && running) break;
      if (!(await queue.renew(submission.id, instanceId, leaseMs))) continue;
      let outcome: ForwardOutcome = { kind: 'done' };
      try {
        await deliver(submission);
      } catch (error) {
        const failed = outcomeOf(error, attempts);
        outcome = failed;
        const next =
          failed.kind === 'park'
            ? 'parked: a retry would be refused the same way'
            : `retry in ${Math.round(failed.delayMs / 1000)} s`;
        log(
          `kefu forward: ${name} ${submission.kind} ${submission.id} attempt ${attempts} failed (${failed.error}); ${next}`,
        );
      }
      if (!(await queue.settle(submission.id, instanceId, outcome)))
        log(
          `kefu forward: ${name} lost the lease on ${submission.id} before settling; another worker took it over.`,
        );
      else if (outcome.kind === 'done') delivered += 1;
    }
    return delivered;
  };

  const pause = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, idleMs);
      wake = () => (clearTimeout(timer), resolve());
    });

  const loop = async () => {
    while (!stopped) {
      const done = await runOnce().catch(
        (error: unknown) => (
          log(
            `kefu forward: ${name} round failed (${error instanceof Error ? error.message : String(error)}); pausing.`,
          ),
          0
        ),
      );
      if (done === 0 && !stopped) await pause();
    }
  };

  return {
    instanceId,
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      running = loop();
    },
    async stop() {
      stopped = true;
      wake?.();
      await running;
      running = undefined;
    },
  };
}
