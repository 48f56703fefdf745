import { signal, type Signal, tracked, useSignal } from '../signals';
import { useEffect, useRef } from 'preact/hooks';
import { createBot, type Bot } from '../../../conversations/bot';
import type { Conversation } from '../../../conversations/types';
import { MAX_MESSAGE_CHARS } from '../../../protocol/conversation-limits';
import type { ChatMessages } from '../../locales/chat/types';
import { fill } from '../../locales/load';
import { CHAT_CSS } from '../chat-styles';
import type { PanelState } from '../state';
import { BotBubble, MessageBubble, type BotLine } from './chat-log';
import type { DiagnosticsBox, DiagnosticsChoice } from './diagnostics-box';
import { QueueLine } from './chat-queue';
import type { ChatSurvey as Survey } from './chat-survey';

/** What the view keeps while the panel lives: the bot conversation survives reading an article. */
interface Session {
  bot?: Bot;
  lines: Signal<BotLine[]>;
  draft: Signal<string>;
}
const sessions = new WeakMap<PanelState, Session>();
let seq = 0;
const QUEUE_REFRESH_MS = 30_000;
const now = () => new Date().toISOString();

/**
 * Live support: the bot answers first from the FAQ (the best articles, "this solved it", "talk to
 * a person"), offers a person when it has no confident answer or after two answers that did not
 * help, and hands over the transcript, search, article, watch context and (with consent)
 * diagnostics. Then the conversation with a person: bubbles with time and state, typing, the
 * queue said honestly, files, read marks; new messages announced to screen readers.
 */
export const ChatView = tracked(function ChatView({
  state,
  t,
}: {
  state: PanelState;
  t: ChatMessages;
}) {
  const session =
    sessions.get(state) ??
    (sessions.set(state, {
      lines: signal<BotLine[]>([]),
      draft: signal(''),
    }),
    sessions.get(state)!);
  if (!session.lines.value.length)
    session.lines.value = [{ id: `b${++seq}`, from: 'bot', at: now(), say: 'intro' }];
  const locale = state.t.value.locale;
  const conversation = useSignal<Conversation | undefined>(undefined);
  const handover = useSignal(false);
  const error = useSignal('');
  const files = useSignal<File[]>([]);
  const choice = useSignal<DiagnosticsChoice>({ include: true });
  const end = useRef<HTMLLIElement>(null);
  // The survey's code downloads when a survey is first asked: opening the chat does not pay for it.
  const survey = useSignal<typeof Survey | undefined>(undefined);
  // The hand-over's consent box (the ticket form's, with its words) downloads when the user asks
  // for a person: most visits end with the bot's answer.
  const box = useSignal<typeof DiagnosticsBox | undefined>(undefined);
  const index = typeof state.faq.value === 'string' ? undefined : state.faq.value;
  if (index && !session.bot) session.bot = createBot(index);
  const kefu = state.kefu;

  // The newest conversation of this user that still takes messages, followed live.
  useEffect(() => {
    let id: string | undefined;
    // Read only what the user can see: the panel open (it stays rendered when closed) and the
    // page shown; anything else is unread, and the launcher's badge says so.
    const visible = () =>
      document.visibilityState === 'visible' && !!end.current?.closest('dialog')?.open;
    const show = (c: Conversation) => {
      conversation.value = c;
      if (c.unread && visible()) void kefu.conversations.markRead(c.id);
    };
    void kefu.conversations.list().then((all) => {
      // A closed conversation whose survey is still due is shown, with the survey under it.
      const open = all.find((c) => c.status !== 'closed' || c.survey?.state === 'due');
      if (open && !conversation.value) {
        id = open.id;
        show(open);
      }
    });
    kefu.conversations.wake();
    const offs = [
      kefu.on('conversation-updated', ({ conversation: c }) => {
        if (!id || c.id === id) {
          id ??= c.id;
          show(c);
        }
      }),
      kefu.on('message', ({ conversationId, message }) => {
        if (conversationId === id && message.from !== 'user')
          state.announce.value = fill(t.newMessage, {
            name: message.agent?.name ?? t[message.from],
            body: message.body.slice(0, 200),
          });
      }),
    ];
    const read = () => id && visible() && void kefu.conversations.markRead(id);
    document.addEventListener('visibilitychange', read);
    // Opened again on this view: what arrived while it was closed is read now.
    const dialog = end.current?.closest('dialog');
    dialog?.addEventListener('toggle', read);
    return () => {
      for (const off of offs) off();
      document.removeEventListener('visibilitychange', read);
      dialog?.removeEventListener('toggle', read);
    };
  }, []);
  // Tried again for each survey asked: a download that failed offline is not final.
  const asked = conversation.value?.survey?.id;
  useEffect(() => {
    if (asked && !survey.value)
      import('./chat-survey').then(
        (m) => void (survey.value = m.ChatSurvey),
        () => {},
      );
  }, [asked]);
  const asking = handover.value;
  useEffect(() => {
    if (!asking) return;
    // Not downloaded (offline): the hand-over goes on without diagnostics; tried again next time.
    void Promise.all([import('./diagnostics-box'), state.loadWords(['ticket'])]).then(
      ([m]) => void (box.value = m.DiagnosticsBox),
      () => {},
    );
  }, [asking, locale]);
  // While the user waits and sees it, the place in line is read again: the line moves as agents
  // take the conversations ahead, and a number that never changes would not be honest.
  const waiting = conversation.value?.status === 'waiting';
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') kefu.conversations.wake();
    }, QUEUE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [waiting]);
  useEffect(
    () => end.current?.scrollIntoView?.({ block: 'end' }),
    [conversation.value?.messages.length, session.lines.value.length],
  );

  const say = (line: Omit<BotLine, 'id' | 'at'>) =>
    (session.lines.value = [...session.lines.value, { id: `b${++seq}`, at: now(), ...line }]);
  const text = session.draft.value;
  const tooLong = text.trim().length > MAX_MESSAGE_CHARS;
  const c = conversation.value;
  const live = c && c.status !== 'closed';
  // Once asked, the survey stays with the conversation it rates until it is answered.
  const shown = live || (c?.survey && c.survey.state !== 'dismissed');

  const ask = (question: string) => {
    if (!session.bot) return startWith(question);
    say({ from: 'user', body: question });
    const reply = session.bot.ask(question);
    say({ from: 'bot', reply });
    state.announce.value =
      reply.confidence === 'none'
        ? t.botNone
        : reply.confidence === 'strong'
          ? t.botStrong
          : t.botWeak;
    if (reply.offerPerson && reply.confidence !== 'none') say({ from: 'bot', say: 'offer' });
  };
  const lastQuestion = () =>
    session.lines.value.filter((l) => l.from === 'user').at(-1)?.body ?? '';

  const startWith = async (body: string) => {
    error.value = '';
    try {
      const d = choice.value;
      const receipt = await kefu.conversations.start({
        body,
        ...(session.bot?.handover() ?? {}),
        ...(d.include && d.snapshot ? { diagnostics: d.snapshot } : {}),
      });
      session.draft.value = '';
      handover.value = false;
      conversation.value = receipt.conversation;
    } catch (e) {
      // What the user typed stays in the box.
      session.draft.value = body;
      error.value = fill(t.failed, { reason: (e as Error).message });
      state.announce.value = error.value;
    }
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const body = session.draft.value.trim();
    if (!body || tooLong) return;
    if (handover.value) return startWith(body);
    if (!live) {
      session.draft.value = '';
      return ask(body);
    }
    error.value = '';
    const sending = files.value;
    session.draft.value = '';
    files.value = [];
    try {
      await kefu.conversations.send(c.id, body, sending);
    } catch (err) {
      session.draft.value = body;
      files.value = sending;
      error.value = fill(t.failed, { reason: (err as Error).message });
      state.announce.value = error.value;
    }
  };
  const onKey = (e: KeyboardEvent) => {
    // Enter sends, Shift+Enter is a new line; an IME composing Chinese keeps its Enter.
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) void submit(e);
  };
  const person = () => {
    handover.value = true;
    if (!session.draft.value.trim()) session.draft.value = lastQuestion();
  };

  const typingName = c?.agentTypingUntil
    ? ([...c.messages].reverse().find((m) => m.from === 'agent')?.agent?.name ?? t.agent)
    : '';
  return (
    <div class="chat">
      <style nonce={state.options.nonce}>{CHAT_CSS}</style>
      <h3 tabIndex={-1}>{t.title}</h3>
      {live ? <QueueLine c={c} t={t} locale={locale} /> : null}
      <ol class="log" aria-label={t.title}>
        {/* The bot's part stays above the person's when this visit handed over. */}
        {shown && !session.lines.value.some((l) => l.from === 'user')
          ? null
          : session.lines.value.map((line) => (
              <BotBubble
                key={line.id}
                line={line}
                t={t}
                locale={locale}
                onArticle={(id) => {
                  session.bot?.read(id);
                  state.go('article', { articleId: id });
                }}
              />
            ))}
        {shown
          ? c.messages.map((m) => <MessageBubble key={m.id} m={m} t={t} locale={locale} />)
          : null}
        <li ref={end} aria-hidden="true" />
      </ol>
      {typingName && live ? <p class="typing">{fill(t.typing, { name: typingName })}</p> : null}
      {shown && !live ? <p class="status">{t.closedStatus}</p> : null}
      {c && survey.value ? <survey.value c={c} t={t} state={state} /> : null}
      {!live && !handover.value && c?.survey?.state !== 'due' ? (
        <div class="quick">
          {session.lines.value.at(-1)?.reply?.articles.length ? (
            <>
              <button
                type="button"
                onClick={() => (session.bot?.solved(), say({ from: 'bot', say: 'thanks' }))}
              >
                {t.solved}
              </button>
              <button
                type="button"
                onClick={() => session.bot?.notHelpful() && say({ from: 'bot', say: 'offer' })}
              >
                {t.notSolved}
              </button>
            </>
          ) : null}
          <button type="button" class="primary" onClick={person}>
            {t.person}
          </button>
        </div>
      ) : null}
      {/* Not pinned while a survey is due: pinned, it covered the survey's comment box (TV). */}
      <form
        class={c?.survey?.state === 'due' ? 'compose flow' : 'compose'}
        noValidate
        onSubmit={submit}
      >
        {handover.value ? (
          <>
            <p class="hint">{t.handover}</p>
            {box.value && state.hasWords(['ticket']) ? (
              <box.value state={state} choice={choice} />
            ) : null}
          </>
        ) : null}
        <label for="kefu-chat-input" class="sr">
          {t.label}
        </label>
        <textarea
          id="kefu-chat-input"
          rows={2}
          placeholder={t.placeholder}
          value={text}
          aria-invalid={tooLong || !!error.value}
          aria-describedby="kefu-chat-error"
          onInput={(e) => {
            session.draft.value = e.currentTarget.value;
            if (live) kefu.conversations.typing(c.id);
          }}
          onKeyDown={onKey}
        />
        <p id="kefu-chat-error" class="error" role="alert">
          {tooLong
            ? fill(t.tooLong, { max: MAX_MESSAGE_CHARS, n: text.trim().length })
            : error.value}
        </p>
        {files.value.length ? (
          <ul class="plain files">
            {files.value.map((f, i) => (
              <li key={f.name + i}>
                {f.name}
                <button
                  type="button"
                  aria-label={fill(t.removeFile, { name: f.name })}
                  onClick={() => (files.value = files.value.filter((_, j) => j !== i))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <div class="row">
          {live ? (
            <label class="button pick">
              {t.attach}
              <input
                type="file"
                class="sr"
                multiple
                accept="image/*,video/mp4,video/webm,application/pdf,text/plain"
                onChange={(e) => {
                  files.value = [...files.value, ...Array.from(e.currentTarget.files ?? [])];
                  e.currentTarget.value = '';
                }}
              />
            </label>
          ) : (
            <span />
          )}
          <button type="submit" class="primary" disabled={!text.trim() || tooLong}>
            {handover.value ? t.person : t.send}
          </button>
        </div>
      </form>
    </div>
  );
});
