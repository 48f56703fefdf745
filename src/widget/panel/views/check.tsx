import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { Finding } from '../../../diagnostics/types';
import type { PanelState } from '../state';
import { VIEW_CHUNKS } from '../view-chunks';

// Findings that point at the service rather than the user's network or device.
const OURS = new Set<Finding['code']>(['cdn_fault', 'decode_error']);

/**
 * The ticket's opening text: each finding in plain words and, for the service's own faults, the
 * evidence an agent needs to find the failing server (status codes, CDN host, timings), e.g.
 * `Our video server is slow or failing (statuses: 503; cdnHost: cdn.example.com)`.
 */
// What identifies the failure for an agent; the rest (throughput, bitrate…) is in the attached diagnostics.
const EVIDENCE = ['statuses', 'cdnHost', 'code', 'message', 'sid'];

function describe(list: Finding[], words: Record<string, [string, string]>): string {
  return list
    .map((f) => {
      const title = words[f.code]?.[0] ?? f.code;
      const evidence = OURS.has(f.code)
        ? EVIDENCE.filter((k) => f.evidence[k] !== undefined && f.evidence[k] !== '')
            .map((k) => `${k}: ${f.evidence[k]}`)
            .join('; ')
        : '';
      return evidence ? `${title} (${evidence})` : title;
    })
    .join('\n');
}

/**
 * Self-check: one tap captures diagnostics and runs `diagnose`; each finding is said in plain
 * words with what to do and the FAQ article that answers it. When the evidence points at the
 * service, it says so and offers a ticket that carries the evidence.
 */
export function CheckView({ state }: { state: PanelState }) {
  const t = state.t.value;
  const findings = useSignal<Finding[] | 'running' | undefined>(undefined);
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
  const run = async () => {
    findings.value = 'running';
    state.announce.value = t.check.running;
    const [{ captureDiagnostics }, { diagnose }, { recheckStuckMedia, withFailedDownload }] =
      await Promise.all([
        import('../../../diagnostics/capture'),
        import('../../../diagnostics/diagnose'),
        import('../../../diagnostics/recheck'),
      ]);
    const { video, player } = state.options;
    const [snapshot, failed] = await Promise.all([
      captureDiagnostics(state.captureTarget()),
      recheckStuckMedia(
        video ?? (player as { media?: HTMLVideoElement } | undefined)?.media,
        player,
      ),
    ]);
    let found = diagnose(withFailedDownload(snapshot, failed));
    // MediaError 4 is also what an error page served instead of the video gives: not the device's fault then.
    if (failed)
      found = found.filter((f) => !(f.code === 'unsupported_media' && f.evidence.code === 4));
    findings.value = found;
    // Said first when it is the service's fault, so a screen reader hears the verdict, not only the causes.
    const said = found.map((f) => t.findings[f.code]?.[0] ?? f.code);
    state.announce.value = found.length
      ? [...(found.some((f) => OURS.has(f.code)) ? [t.check.ours] : []), ...said].join('. ')
      : t.check.fine;
  };
  const index = typeof state.faq.value === 'string' ? undefined : state.faq.value;
  const list = findings.value;
  const ours = Array.isArray(list) && list.some((f) => OURS.has(f.code));
  // Findings link to playback articles where the FAQ has that category.
  const playback = index?.categories().some((c) => c.category === 'playback');
  return (
    <>
      <h3 tabIndex={-1}>{t.check.title}</h3>
      <p>{t.check.intro}</p>
      <button
        type="button"
        class="primary"
        aria-disabled={list === 'running'}
        onClick={() => list !== 'running' && void run()}
      >
        {list === 'running' ? t.check.running : Array.isArray(list) ? t.check.again : t.check.run}
      </button>
      {Array.isArray(list) ? (
        <section aria-live="polite" data-kefu-findings="">
          {list.length === 0 ? <p class="status good">{t.check.fine}</p> : null}
          {ours ? <p class="status bad">{t.check.ours}</p> : null}
          <ul class="plain">
            {list.map((finding) => {
              const [title, fix] = t.findings[finding.code] ?? [finding.code, ''];
              // The service's own faults have nothing for the user to read or fix: no "lower the resolution" article.
              // The finding's tags are English words; its title in the user's language finds the article in theirs,
              // among the playback articles where the FAQ has that category (not "why was my upload rejected").
              const article =
                !OURS.has(finding.code) && finding.faqTags.length
                  ? index?.search(`${finding.faqTags.join(' ')} ${title}`, {
                      limit: 1,
                      ...(playback ? { category: 'playback' } : {}),
                    })[0]?.article
                  : undefined;
              return (
                <li key={finding.code} class="finding" data-code={finding.code}>
                  <h4>{title}</h4>
                  <p>
                    <strong>{t.check.fix}: </strong>
                    {fix}
                  </p>
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
          {ours || list.length === 0 ? (
            <button
              type="button"
              class="primary"
              onClick={() =>
                state.go('ticket', {
                  category: 'playback',
                  description: describe(list, t.findings),
                })
              }
            >
              {ours ? t.check.report : t.onward.ticket}
            </button>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
