import type { Conversation } from '../../../conversations/types';
import type { ChatMessages } from '../../locales/chat/types';
import { fill } from '../../locales/load';
import { tracked } from '../signals';

/**
 * Where the conversation stands, said honestly from the relay's queue: the place in line and the
 * expected wait while waiting (or that nobody can say yet), the opening time outside service
 * hours, who is answering once an agent joined.
 */
export const QueueLine = tracked(function QueueLine({
  c,
  t,
  locale,
}: {
  c: Conversation;
  t: ChatMessages;
  locale: string;
}) {
  const q = c.queue;
  let text = '';
  if (c.status === 'active') {
    const agent = [...c.messages].reverse().find((m) => m.from === 'agent')?.agent?.name;
    text = fill(t.active, { name: agent ?? t.agent });
  } else if (c.status === 'solved') text = t.solvedStatus;
  else if (q && !q.open)
    text = q.opensAt
      ? fill(t.closedAt, {
          time: new Intl.DateTimeFormat(locale, {
            weekday: 'short',
            hour: '2-digit',
            minute: '2-digit',
          }).format(new Date(q.opensAt)),
        })
      : t.closed;
  else if (q)
    text = `${fill(t.position, { n: q.position })} ${
      q.expectedWaitSeconds === null
        ? t.waitUnknown
        : fill(t.wait, { m: Math.max(1, Math.ceil(q.expectedWaitSeconds / 60)) })
    }`;
  return text ? (
    <p class="status queue" data-kefu-queue="">
      {text}
    </p>
  ) : null;
});
