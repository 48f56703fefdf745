import { tracked, useSignal } from '../signals';
import { useEffect, useRef } from 'preact/hooks';
import type { FieldProblem } from '../../../errors';
import { toTopic } from '../../../protocol/topics';
import type { FormDescription, TicketDraft } from '../../../tickets';
import { fill } from '../../locales/load';
import type { WidgetPrefill } from '../../types';
import type { PanelState } from '../state';
import { Attachments } from './attachments';
import { DiagnosticsBox, type DiagnosticsChoice } from './diagnostics-box';
import { OptionList } from './option-list';
import { TicketStatus, type Outcome } from './ticket-status';
import { FieldControl, fieldNamed, getPath, setPath } from './ticket-fields';
import { guardUnload } from '../unload-guard';

/**
 * The ticket form: the category decides the fields; what is typed is saved as a draft on every
 * change and kept through every failure; problems are shown at their field.
 */
export const TicketView = tracked(function TicketView({
  state,
  prefill,
}: {
  state: PanelState;
  prefill: WidgetPrefill;
}) {
  const t = state.t.value.ticket;
  const forms = useSignal<FormDescription[] | 'error' | undefined>(undefined);
  const form = useSignal<FormDescription | undefined>(undefined);
  const draft = useSignal<TicketDraft | undefined>(undefined);
  const restored = useSignal(false);
  // Storage refused the draft's files (quota, private mode): they last only as long as the page.
  const filesUnsaved = useSignal(false);
  useEffect(
    () =>
      state.kefu.on(
        'storage-unavailable',
        () => void (filesUnsaved.value = files.value.length > 0),
      ),
    [],
  );
  const files = useSignal<File[]>([]);
  const problems = useSignal<FieldProblem[]>([]);
  const outcome = useSignal<Outcome | undefined>(undefined);
  const diagnostics = useSignal<DiagnosticsChoice>({ include: true });
  const formRef = useRef<HTMLFormElement>(null);

  const pick = async (category: string) => {
    const description = await state.kefu.ticketForm(category);
    // The client's drafts keep a synchronous copy of every keystroke, so a reload loses nothing.
    // Its files come back too, from IndexedDB, listed where the user can remove them.
    const saved = await state.kefu.drafts.load(category);
    files.value = saved?.attachments ?? [];
    delete saved?.attachments;
    restored.value = Boolean(saved?.description || files.value.length);
    // A prefill ("report it" with the self-check's evidence, an article's "still need help") is
    // what the user just asked for, and a saved draft holds words only they can write again: the
    // draft is kept (its fields and files too) and the prefill added below its text, unless it
    // already holds it (the same report opened twice), so neither is lost. The prefill ends with
    // a new line: what the user adds after it starts there, not glued to its last reference.
    const add = prefill.description;
    const text =
      saved?.description && add && !saved.description.includes(add)
        ? `${saved.description}\n\n${add}\n`
        : saved?.description || (add && `${add}\n`);
    draft.value = {
      ...(saved ?? { ...description.initial, category }),
      ...(text ? { description: text } : {}),
    };
    diagnostics.value = { ...diagnostics.value, include: saved?.includeDiagnostics ?? true };
    form.value = description;
  };
  useEffect(() => {
    state.kefu.categories().then(
      (list) => {
        forms.value = list;
        // The prefill may name a topic by another word (an article's `membership`): the app's
        // own category of that topic is the one to open.
        const wanted = prefill.category;
        const match =
          wanted &&
          (list.find((f) => f.category === wanted) ??
            list.find((f) => f.category === toTopic(wanted)));
        if (match) void pick(match.category);
      },
      () => (forms.value = 'error'),
    );
  }, [state.locale.value, prefill.category, prefill.description]);

  // What was typed is written at once when the panel closes, the view goes or the page is
  // hidden, rather than waiting out the autosave's debounce: a reload right after must keep it.
  const keep = (current: TicketDraft) =>
    void state.kefu.drafts
      .save(current.category, { ...current, attachments: files.value })
      .catch(() => {});
  const saveNow = () => {
    const current = draft.value;
    if (current && !outcome.value) keep(current);
  };
  useEffect(() => {
    if (state.closes.value) saveNow();
  }, [state.closes.value]);
  // The user changed: what is on screen is the previous user's (already saved under their key)
  // and must neither stay in view nor be saved again as the next user's draft when the view goes.
  useEffect(
    () =>
      state.kefu.on('user-changed', () => {
        draft.value = undefined;
        files.value = [];
      }),
    [],
  );
  useEffect(() => {
    const onHide = () => document.visibilityState === 'hidden' && saveNow();
    document.addEventListener('visibilitychange', onHide);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      saveNow();
    };
  }, []);
  const change = (name: string, value: unknown) => {
    if (!draft.value) return;
    draft.value = setPath(draft.value, name, value);
    state.kefu.drafts.autosave(draft.value.category, { ...draft.value, attachments: files.value });
    if (problems.value.some((p) => p.field === name))
      problems.value = problems.value.filter((p) => p.field !== name);
  };
  // The diagnostics box's answer is part of the draft, saved with what was typed.
  useEffect(() => {
    const include = diagnostics.value.include;
    if (draft.value && (draft.value.includeDiagnostics ?? true) !== include)
      change('includeDiagnostics', include);
  }, [diagnostics.value.include]);
  const showProblems = (list: FieldProblem[], said = '') => {
    problems.value = list;
    state.announce.value = fill(t.fixFields, { n: list.length }) + said;
    // Focus the first field to fix, after the error texts rendered.
    requestAnimationFrame(() =>
      formRef.current
        ?.querySelector<HTMLElement>('[aria-invalid=true] , fieldset[aria-invalid=true] input')
        ?.focus(),
    );
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    const current = draft.value;
    if (!current || outcome.value?.kind === 'sending') return;
    const found = await state.kefu.validateTicket(current);
    if (found.length) return showProblems(found);
    outcome.value = { kind: 'sending' };
    state.announce.value = state.t.value.ticket.sending;
    // A refused envelope stays in the outbox, never retried, until discarded; what it held is in
    // the draft, which every send is built from. The client emits `rejected` with its id just
    // before submitTicket rejects with the same error, so the id is known and it is discarded at
    // once: kept, it would count toward the outbox's cap forever (also after a reload).
    let refused = undefined as { id: string; error: unknown } | undefined;
    const off = state.kefu.on('rejected', (event) => (refused = event));
    try {
      const receipt = await state.kefu.submitTicket({
        ...current,
        // Without the prefill's new line (or any other) at its ends.
        description: (current.description ?? '').trim(),
        attachments: files.value,
        ...(diagnostics.value.snapshot
          ? {
              diagnostics: diagnostics.value.snapshot,
              includeDiagnostics: diagnostics.value.include,
            }
          : {}),
      });
      // Safe in the outbox or on the server: the client deleted its draft. Queued in memory it
      // is not safe: the client keeps the draft until it is sent, and the page warns on unload.
      const about = { envelopeId: receipt.envelopeId, email: Boolean(current.contact?.email) };
      if (receipt.status === 'queued' && !receipt.durable) {
        guardUnload(state);
        outcome.value = {
          kind: 'unsafe',
          id: receipt.envelopeId,
          ...about,
          draft: current.description ?? '',
        };
      } else
        outcome.value =
          receipt.status === 'queued'
            ? { kind: 'queued', id: receipt.envelopeId, ...about }
            : { kind: 'sent', id: receipt.id, ...about };
    } catch (error) {
      const e = error as {
        code?: string;
        message?: string;
        field?: string;
        problems?: FieldProblem[];
      };
      // Not sent: the draft holds it all (also a prefill never typed into), whatever the user does next.
      keep(current);
      if (refused && refused.error === error) void state.kefu.discard(refused.id).catch(() => {});
      // A refusal naming a field the form shows is marked there, like the form's own problems.
      const field =
        e.code === 'rejected' ? fieldNamed(e.field, form.value?.fields ?? []) : undefined;
      const list = field
        ? [{ field, message: e.message ?? '' }]
        : e.code === 'invalid_input'
          ? e.problems
          : undefined;
      if (list?.length) {
        outcome.value = undefined;
        return showProblems(list, field ? ` ${e.message}` : '');
      }
      outcome.value = {
        kind: e.code === 'rejected' ? 'rejected' : 'failed',
        reason: e.message ?? String(error),
      };
    } finally {
      off();
    }
  };

  const list = forms.value;
  // On a TV, lists of options replace selects: a remote's arrows must move, not choose.
  const tv = state.options.layout === 'tv';
  if (outcome.value && outcome.value.kind !== 'sending')
    return <TicketStatus state={state} outcome={outcome} />;
  return (
    <>
      <h3 tabIndex={-1}>{t.title}</h3>
      {list === undefined ? (
        <p class="muted">{state.t.value.loading}</p>
      ) : list === 'error' ? (
        <p class="status bad">{state.t.value.loadFailed}</p>
      ) : tv ? (
        <OptionList
          id="kefu-category"
          legend={t.category}
          options={list.map((f) => ({ value: f.category, label: f.label }))}
          value={form.value?.category ?? ''}
          onChange={(category) => void pick(category)}
        />
      ) : (
        <div class="field">
          <label for="kefu-category">{t.category}</label>
          <select
            id="kefu-category"
            value={form.value?.category ?? ''}
            onChange={(e) => e.currentTarget.value && void pick(e.currentTarget.value)}
          >
            <option value="">{t.choose}</option>
            {list.map((f) => (
              <option key={f.category} value={f.category}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
      )}
      {form.value && draft.value ? (
        <form ref={formRef} noValidate onSubmit={submit}>
          {restored.value ? <p class="hint">{t.draftRestored}</p> : null}
          {filesUnsaved.value && files.value.length ? (
            <p class="status bad" role="status">
              {t.draftFilesUnsaved}
            </p>
          ) : null}
          {form.value.fields.map((field) => (
            <FieldControl
              key={field.name}
              field={field}
              value={getPath(draft.value!, field.name)}
              error={problems.value.find((p) => p.field === field.name)?.message}
              choose={t.select}
              tv={tv}
              onChange={(v) => change(field.name, v)}
            />
          ))}
          {form.value.attachments ? (
            <Attachments
              t={t}
              files={files.value}
              onChange={(next) => {
                files.value = next;
                // Files have no synchronous copy: they are stored when attached, not on unload.
                saveNow();
              }}
            />
          ) : null}
          {form.value.diagnostics ? (
            <DiagnosticsBox
              key={form.value.category}
              state={state}
              choice={diagnostics}
              {...(prefill.diagnostics ? { given: prefill.diagnostics } : {})}
            />
          ) : null}
          <button type="submit" class="primary" aria-disabled={outcome.value?.kind === 'sending'}>
            {outcome.value?.kind === 'sending' ? t.sending : t.submit}
          </button>
        </form>
      ) : null}
    </>
  );
});
