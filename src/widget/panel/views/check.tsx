import { useSignal } from '@preact/signals';
import type { Finding } from '../../../diagnostics/types';
import type { PanelState } from '../state';

// Findings that point at the service rather than the user's network or device.
const OURS = new Set<Finding['code']>(['cdn_fault', 'decode_error']);

/**
 * Self-check: one tap captures diagnostics and runs `diagnose`; each finding is said in plain
 * words with what to do and the FAQ article that answers it. When the evidence points at the
 * service, it says so and offers a ticket that carries the evidence.
 */
export function CheckView({ state }: { state: PanelState }) {
  const t = state.t.value;
  const findings = useSignal<Finding[] | 'running' | undefined>(undefined);
  const run = async () => {
    findings.value = 'running';
    state.announce.value = t.check.running;
    const [{ captureDiagnostics }, { diagnose }] = await Promise.all([import('../../../diagnostics/capture'), import('../../../diagnostics/diagnose')]);
    const snapshot = await captureDiagnostics({ ...(state.options.video ? { video: state.options.video } : {}), ...(state.options.player ? { player: state.options.player } : {}) });
    const found = diagnose(snapshot);
    findings.value = found;
    state.announce.value = found.length ? found.map((f) => t.findings[f.code]?.[0] ?? f.code).join('. ') : t.check.fine;
  };
  const index = typeof state.faq.value === 'string' ? undefined : state.faq.value;
  const list = findings.value;
  const ours = Array.isArray(list) && list.some((f) => OURS.has(f.code));
  return (
    <>
      <h3 tabIndex={-1}>{t.check.title}</h3>
      <p>{t.check.intro}</p>
      <button type="button" class="primary" aria-disabled={list === 'running'} onClick={() => list !== 'running' && void run()}>
        {list === 'running' ? t.check.running : Array.isArray(list) ? t.check.again : t.check.run}
      </button>
      {Array.isArray(list) ? (
        <section aria-live="polite" data-kefu-findings="">
          {list.length === 0 ? <p class="status good">{t.check.fine}</p> : null}
          {ours ? <p class="status bad">{t.check.ours}</p> : null}
          <ul class="plain">
            {list.map((finding) => {
              const [title, fix] = t.findings[finding.code] ?? [finding.code, ''];
              const article = finding.faqTags.length ? index?.search(finding.faqTags.join(' '), { limit: 1 })[0]?.article : undefined;
              return (
                <li key={finding.code} class="finding" data-code={finding.code}>
                  <h4>{title}</h4>
                  <p><strong>{t.check.fix}: </strong>{fix}</p>
                  {article ? <button type="button" class="link" onClick={() => state.go('article', { articleId: article.id })}>{t.check.answer}: {article.title}</button> : null}
                </li>
              );
            })}
          </ul>
          {ours || list.length === 0 ? (
            <button type="button" class="primary" onClick={() => state.go('ticket', { category: 'playback', description: list.map((f) => t.findings[f.code]?.[0] ?? f.code).join('; ') })}>
              {ours ? t.check.report : t.onward.ticket}
            </button>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
