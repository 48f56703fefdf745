import { tracked, useSignal } from '../signals';
import { useEffect } from 'preact/hooks';
import type { DiagnosticsLine } from '../../../client';
import type { DiagnosticsSnapshot } from '../../../diagnostics/types';
import { summarizeDiagnostics, type SummarySection } from '../diagnostics-summary';
import type { PanelState } from '../state';

/** The snapshot a ticket may carry, and whether the user lets it. */
export interface DiagnosticsChoice {
  snapshot?: Record<string, unknown>;
  include: boolean;
}

/**
 * Offers device and playback details for a ticket: captured when the form opens (or `given`, the
 * self-check's with its findings, when the ticket reports them), shown line by line exactly as they
 * would be sent, with a switch that leaves them out.
 */
export const DiagnosticsBox = tracked(function DiagnosticsBox({
  state,
  choice,
  given,
}: {
  state: PanelState;
  choice: { value: DiagnosticsChoice };
  given?: Record<string, unknown>;
}) {
  const t = state.t.value.ticket;
  const lines = useSignal<DiagnosticsLine[] | undefined>(undefined);
  const summary = useSignal<SummarySection[]>([]);
  useEffect(() => {
    let live = true;
    // The capture module, not the diagnostics entry (see faq-source.ts).
    const captured = given
      ? Promise.resolve(given)
      : import('../../../diagnostics/capture')
          // With the core's watcher (state.captureTarget): the playback history from before help was asked.
          .then((d) => d.captureDiagnostics(state.captureTarget()));
    void captured
      .then(async (snapshot) => {
        if (!live) return;
        choice.value = {
          ...choice.value,
          snapshot: snapshot as unknown as Record<string, unknown>,
        };
        summary.value = summarizeDiagnostics(snapshot as DiagnosticsSnapshot, t.summary);
        lines.value = await state.kefu.previewDiagnostics(
          snapshot as unknown as Record<string, unknown>,
        );
      })
      .catch(() => live && (lines.value = []));
    return () => void (live = false);
  }, []);
  return (
    <div class="field">
      <label class="check">
        <input
          type="checkbox"
          checked={choice.value.include}
          aria-describedby="kefu-diag-hint"
          onChange={(e) => (choice.value = { ...choice.value, include: e.currentTarget.checked })}
        />
        {t.diagnostics}
      </label>
      <p id="kefu-diag-hint" class="hint">
        {t.diagnosticsHint}
      </p>
      {choice.value.include ? (
        <details>
          <summary>{t.preview}</summary>
          {lines.value ? (
            <div data-kefu-preview="">
              {/* What is sent, said in plain words by section; every field is one level below. */}
              {summary.value.map((section) => (
                <section key={section.id} aria-labelledby={`kefu-diag-${section.id}`}>
                  <h4 id={`kefu-diag-${section.id}`}>{section.title}</h4>
                  <ul class="plain">
                    {section.lines.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                </section>
              ))}
              <details>
                <summary>{t.summary.raw}</summary>
                {/* A named region in the tab order, so a keyboard scrolls it (WCAG 2.1.1). */}
                {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable (axe: scrollable-region-focusable) */}
                {/* biome-ignore lint/a11y/useSemanticElements: a <section> cannot keep the text's line breaks */}
                <pre role="region" tabIndex={0} aria-label={t.summary.raw} data-kefu-raw="">
                  {lines.value.map((l) => `${l.path}: ${l.value}`).join('\n')}
                </pre>
              </details>
            </div>
          ) : (
            <p class="muted">{t.previewEmpty}</p>
          )}
        </details>
      ) : null}
    </div>
  );
});
