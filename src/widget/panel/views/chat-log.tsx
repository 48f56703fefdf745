import type { BotReply } from '../../../conversations/bot';
import type { ShownMessage } from '../../../conversations/types';
import type { ChatMessages } from '../../locales/chat/types';
import { fill } from '../../locales/load';
import { tracked } from '../signals';

/** A line of the conversation with the bot, before a person is asked. */
export interface BotLine {
  id: string;
  from: 'user' | 'bot';
  at: string;
  body?: string;
  reply?: BotReply;
  /** The bot's own words (intro, thanks, the offer of a person). */
  say?: 'intro' | 'thanks' | 'offer';
}

const time = (iso: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

/** One message of a conversation with a person: author, text, files, time and, for the user's, its state. */
export const MessageBubble = tracked(function MessageBubble({
  m,
  t,
  locale,
}: {
  m: ShownMessage;
  t: ChatMessages;
  locale: string;
}) {
  const who =
    m.from === 'agent' ? (m.agent?.name ?? t.agent) : m.from === 'user' ? t.you : t[m.from];
  return (
    <li class={`bubble ${m.from}${m.state === 'failed' ? ' failed' : ''}`} data-state={m.state}>
      {m.from === 'user' ? <span class="sr">{t.you}: </span> : <span class="who">{who}</span>}
      <p>{m.body}</p>
      {m.attachments?.map((a) =>
        a.url && a.type.startsWith('image/') ? (
          <img key={a.name} src={a.url} alt={fill(t.file, { name: a.name })} />
        ) : (
          <span key={a.name} class="meta">
            {fill(t.file, { name: a.name })}
          </span>
        ),
      )}
      <span class="meta">
        <time dateTime={m.at}>{time(m.at, locale)}</time>
        {m.state
          ? ` · ${m.state === 'failed' && m.error ? fill(t.failed, { reason: m.error }) : t.state[m.state]}`
          : ''}
      </span>
    </li>
  );
});

/** One line of the bot conversation: the question, or the answer with its articles. */
export const BotBubble = tracked(function BotBubble({
  line,
  t,
  locale,
  onArticle,
}: {
  line: BotLine;
  t: ChatMessages;
  locale: string;
  onArticle: (id: string) => void;
}) {
  if (line.from === 'user')
    return (
      <li class="bubble user">
        <span class="sr">{t.you}: </span>
        <p>{line.body}</p>
        <span class="meta">
          <time dateTime={line.at}>{time(line.at, locale)}</time>
        </span>
      </li>
    );
  const reply = line.reply;
  const words = line.say
    ? { intro: t.botIntro, thanks: t.solvedThanks, offer: t.personOffer }[line.say]
    : reply?.confidence === 'strong'
      ? t.botStrong
      : reply?.confidence === 'weak'
        ? t.botWeak
        : t.botNone;
  return (
    <li class="bubble bot">
      <span class="who">{t.bot}</span>
      <p>{words}</p>
      {reply?.articles.length ? (
        <ul>
          {reply.articles.map((a) => (
            <li key={a.id}>
              <button type="button" class="link" onClick={() => onArticle(a.id)}>
                {a.title}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
});
