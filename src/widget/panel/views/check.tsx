import { tracked, useSignal } from '../signals';
import { useEffect } from 'preact/hooks';
import type { Finding } from '../../../diagnostics/types';
import type { WidgetMessages } from '../../locales/types';
import { articleForFinding } from '../finding-article';
import { useFocusResult } from '../focus-result';
import type { PanelState } from '../state';
import { type FindingNote, supportPrefill } from '../support-prefill';
import { VIEW_CHUNKS } from '../view-chunks';

// Findings that point at the service rather than the user's network or device.
const OURS = new Set<Finding['code']>(['cdn_fault', 'decode_error']);
// What identifies the failure for an agent; the rest (throughput, bitrate…) is in the attached diagnostics.
const EVIDENCE = ['statuses', 'cdnHost', 'code', 'message', 'sid'];

/** What the self-check read and found: the findings, and the snapshot they came from. */
interface Result {
  findings: Finding[];
  snapshot: Record<string, unknown>;
}

/**
 * Each finding as the ticket carries it: its id, its title in the user's words and, for the
 * service's own faults, the evidence an agent needs to find the failing server, e.g.
 * `statuses: 503; cdnHost: cdn.example.com`.
 */
function notes(list: Finding[], words: WidgetMessages['findings']): FindingNote[] {
  return list.map((f) => {
    const evidence = OURS.has(f.code)
      ? EVIDENCE.filter((k) => f.evidence[k] !== undefined && f.evidence[k] !== '')
          .map((k) => `${k}: ${f.evidence[k]}`)
          .join('; ')
      : '';
    return { code: f.code, title: words[f.code]?.[0] ?? f.code, ...(evidence ? { evidence } : {}) };
  });
}

/** "A, B and C" in the panel's language (一、二和三), for the live region. */
function listed(items: string[], locale: string): string {
  return typeof Intl.ListFormat === 'function'
    ? new Intl.ListFormat(locale, { type: 'conjunction' }).format(items)
    : items.join(', ');
}

/**
 * Self-check: one tap captures diagnostics and runs `diagnose`. The verdict comes first (our fault,
 * likely the user's side, or nothing found), then each finding in plain words with its next steps
 * and the article the app links to it; then "check again" and a ticket that carries the findings
 * and the diagnostics they came from.
 */
export const CheckView = tracked(function CheckView({ state }: { state: PanelState }) {
  const t = state.t.value;
  const result = useSignal<Result | 'running' | undefined>(undefined);
  // The check's code loads as the view opens, not on the tap: a user whose network has just
  // dropped still learns that it did. Loaded once, the same modules serve the run.
  useEffect(() => {
    void Promise.all([
      import('../../../diagnostics/capture'),
      import('../../../diagnostics/collect'),
      import('../../../diagnostics/capabilities'),
      import('../../../diagnostics/diagnose'),
      import('../../../diagnostics/recheck'),
      // A finding links to the article that answers it.
      VIEW_CHUNKS.article.load(),
    ]).catch(() => {});
  }, []);
  const unloaded = useSignal(false);
  // Captures and diagnoses; rejects when its code (or the player's adapter) cannot be loaded.
  const check = async (): Promise<Result> => {
    const [{ captureDiagnostics }, { diagnose }, { recheckStuckMedia, withFailedDownload }] =
      await Promise.all([
        import('../../../diagnostics/capture'),
        import('../../../diagnostics/diagnose'),
        import('../../../diagnostics/recheck'),
      ]);
    const { video, player } = state.options;
    const [captured, failed] = await Promise.all([
      captureDiagnostics(state.captureTarget()),
      recheckStuckMedia(
        video ?? (player as { media?: HTMLVideoElement } | undefined)?.media,
        player,
      ),
    ]);
    const snapshot = withFailedDownload(captured, failed);
    let found = diagnose(snapshot);
    // MediaError 4 is also what an error page served instead of the video gives: not the device's fault then.
    if (failed)
      found = found.filter((f) => !(f.code === 'unsupported_media' && f.evidence.code === 4));
    return { findings: found, snapshot: snapshot as unknown as Record<string, unknown> };
  };
  const run = async () => {
    result.value = 'running';
    unloaded.value = false;
    state.announce.value = t.check.running;
    let done = await check().catch(() => undefined);
    if (!done) {
      // The network went before the check's code arrived. Offline is then certain and is the
      // finding, with its steps; anything else is said as a failure to load, to try again.
      if (globalThis.navigator?.onLine !== false) {
        result.value = undefined;
        unloaded.value = true;
        state.announce.value = t.loadFailed;
        return;
      }
      // As diagnose() says it: the same words, steps and article.
      const offline: Finding = {
        code: 'offline',
        severity: 'error',
        evidence: {},
        faqTags: ['offline', 'network'],
      };
      done = {
        findings: [offline],
        snapshot: { v: 1, at: Date.now(), network: { online: false } },
      };
    }
    const found = done.findings;
    result.value = done;
    // Said first when it is the service's fault, so a screen reader hears the verdict, not only the causes.
    const said = found.map((f) => t.findings[f.code]?.[0] ?? f.code);
    const ours = found.some((f) => OURS.has(f.code));
    state.announce.value = found.length
      ? `${ours ? t.check.ours : t.check.yours} ${listed(said, t.locale)}`
      : t.check.fine;
  };
  const done = typeof result.value === 'object' ? result.value : undefined;
  // Focus goes to the verdict once it is on screen: the result of the tap, where reading goes on.
  const verdict = useFocusResult<HTMLParagraphElement>(done);

  const index = typeof state.faq.value === 'string' ? undefined : state.faq.value;
  // Most read first, so that of two articles fitting a finding equally the more read is linked.
  const articles = index?.popular(undefined, Infinity) ?? [];
  const list = done?.findings ?? [];
  const ours = list.some((f) => OURS.has(f.code));
  const report = () => {
    if (!done) return;
    const diagnostics = {
      ...done.snapshot,
      findings: list.map(({ code, severity, evidence }) => ({ code, severity, evidence })),
    };
    state.go(
      'ticket',
      supportPrefill({ category: 'playback', findings: notes(list, t.findings), diagnostics }),
    );
  };
  return (
    <>
      <h3 tabIndex={-1}>{t.check.title}</h3>
      <p>{t.check.intro}</p>
      {done ? (
        <section data-kefu-findings="" aria-labelledby="kefu-verdict">
          <p
            id="kefu-verdict"
            ref={verdict}
            tabIndex={-1}
            class={`status ${ours ? 'bad' : list.length ? '' : 'good'}`}
          >
            {ours ? t.check.ours : list.length ? t.check.yours : t.check.fine}
          </p>
          <ul class="plain">
            {list.map((finding) => {
              const [title, ...steps] = t.findings[finding.code] ?? [finding.code];
              // The service's own faults have nothing for the user to read or fix.
              const article = OURS.has(finding.code)
                ? undefined
                : articleForFinding(finding, articles, state.options.findingArticles);
              return (
                <li key={finding.code} class="finding" data-code={finding.code}>
                  <h4>{title}</h4>
                  {steps.length > 1 ? (
                    <>
                      <p class="steps-label">
                        <strong>{t.check.fix}</strong>
                      </p>
                      <ol class="steps">
                        {steps.map((step) => (
                          <li key={step}>{step}</li>
                        ))}
                      </ol>
                    </>
                  ) : steps.length ? (
                    <p>
                      <strong>{t.check.fix}: </strong>
                      {steps[0]}
                    </p>
                  ) : null}
                  {article ? (
                    <button
                      type="button"
                      class="link"
                      onClick={() => state.go('article', { articleId: article.id })}
                    >
                      {t.check.answer}: {article.title}
                    </button>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      {unloaded.value ? (
        <p class="error" role="alert">
          {t.loadFailed}
        </p>
      ) : null}
      <div class="row">
        {/* One button runs the check and runs it again: focus stays on it while it works. */}
        <button
          type="button"
          class={done && (ours || !list.length) ? '' : 'primary'}
          aria-disabled={result.value === 'running'}
          onClick={() => result.value !== 'running' && void run()}
        >
          {result.value === 'running' ? t.check.running : done ? t.check.again : t.check.run}
        </button>
        {done ? (
          <button
            type="button"
            class={ours || !list.length ? 'primary' : ''}
            data-kefu-report=""
            onClick={report}
          >
            {ours ? t.check.report : t.check.evidence}
          </button>
        ) : null}
      </div>
    </>
  );
});
