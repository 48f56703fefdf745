import type { OutboxEvent } from '../transport';
import type { Misconfiguration } from './types';

interface Options {
  endpoint: string;
  fetch: typeof fetch;
  /** Told once, when a probe found what is wrong. */
  report: (found: Misconfiguration) => void;
}

const online = () => typeof navigator === 'undefined' || navigator.onLine !== false;

/**
 * Watches the outbox's failures and, when they look like a wrong setup rather than a bad
 * network, probes the endpoint once to say which (src/client/misconfiguration-probe.ts, loaded
 * then: a setup that works never downloads it).
 */
export function watchMisconfiguration({ endpoint, fetch, report }: Options) {
  let done = false;
  let probing = false;
  let silentFailures = 0;

  const probe = () => {
    if (done || probing) return;
    probing = true;
    import('./misconfiguration-probe')
      .then(({ probeEndpoint }) => probeEndpoint(endpoint, fetch, () => silentFailures))
      .then(
        (found) => {
          probing = false;
          if (!found || done) return;
          done = true;
          report(found);
        },
        // The probe's code could not load (offline) or the probe failed: the next failure retries.
        () => void (probing = false),
      );
  };

  return {
    /** Called with every outbox event. */
    observe(event: OutboxEvent) {
      if (done) return;
      if (event.type === 'sent') silentFailures = 0;
      if (event.type === 'retrying') {
        const { code, status } = event.error;
        // A 5xx, 429 or timeout is the server's weather, not its setup.
        if (code === 'invalid_response') probe();
        else if (status === undefined && online()) {
          silentFailures += 1;
          probe();
        }
      }
      if (event.type === 'rejected' && (event.error.status === 404 || event.error.status === 405))
        probe();
    },
    stop() {
      done = true;
    },
  };
}
