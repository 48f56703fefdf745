// The agent console's only script, served from the console's own origin (CSP `script-src 'self'`).
// It only enhances pages that work without it: new messages, typing and status appear live,
// replies are sent without a reload, and the list refreshes itself. Everything a user wrote is
// inserted as text (textContent), never as markup.
(() => {
  const csrf = document.querySelector('input[name=csrf]')?.value;

  const post = (url, fields) =>
    fetch(url, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf, ...fields }),
      credentials: 'same-origin',
    });

  /**
   * The log pruned events this page had not seen (it slept through the retention window): what it
   * shows is out of date. It reloads, unless the agent has typed a reply a reload would lose; then
   * it says so and leaves the reply where it is.
   */
  function onReset(source, draft) {
    source.addEventListener('reset', () => {
      source.close();
      if (!draft?.value.trim()) return location.reload();
      const alert =
        draft.form.parentElement.querySelector('.error[role=alert]') ?? addAlert(draft.form);
      alert.textContent =
        'This page is out of date: events it had not shown were removed. Copy your reply, then reload.';
      alert.hidden = false;
    });
  }

  const SENDER = { user: 'User', bot: 'Bot', system: 'System' };

  /** A message as the server renders it (render-conversation.ts). */
  function messageItem(message) {
    const li = document.createElement('li');
    li.className = `msg from-${message.from}`;
    li.dataset.messageId = message.id;
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent =
      message.from === 'agent' ? (message.agent?.name ?? 'Agent') : SENDER[message.from];
    const time = document.createElement('time');
    time.dateTime = message.at;
    time.textContent = message.at.slice(11, 16);
    const body = document.createElement('p');
    body.className = 'body';
    body.textContent = message.body;
    li.append(who, ' ', time, body);
    return li;
  }

  /**
   * Keeps a page's status drop-down on the live status without taking a choice from the agent:
   * while the drop-down has focus, or shows a status the agent picked and has not sent, it is
   * left alone; it catches up when the agent leaves it unchanged.
   */
  function followStatus(select) {
    if (!select) return () => undefined;
    // The status the drop-down last showed from the server; anything else is the agent's pick.
    let synced = select.value;
    let latest = synced;
    const has = (value) => [...select.options].some((option) => option.value === value);
    const apply = () => {
      // The agent picked what the server shows now: nothing of theirs is left to keep.
      if (select.value === latest) synced = latest;
      else if (select.value === synced && has(latest) && document.activeElement !== select) {
        select.value = latest;
        synced = latest;
      }
    };
    select.addEventListener('change', apply);
    select.addEventListener('blur', apply);
    return (status) => {
      latest = status;
      apply();
    };
  }

  function conversationPage(list) {
    const id = list.dataset.conversation;
    const base = `/inbox/conversations/${encodeURIComponent(id)}`;
    const typing = document.querySelector('[data-live=typing]');
    const status = document.querySelector('[data-live=status]');
    const waited = document.querySelector('[data-live=waited]');
    const statusChoice = followStatus(document.querySelector('select[name=status]'));
    let typingTimer;
    let readTimer;
    const markRead = () => {
      clearTimeout(readTimer);
      readTimer = setTimeout(() => {
        if (document.visibilityState === 'visible') void post(`${base}/read`, {});
      }, 300);
    };
    const query = new URLSearchParams({ conversation: id, after: list.dataset.lastEvent || '0' });
    const source = new EventSource(`/inbox/events?${query}`);
    onReset(source, document.querySelector('form.reply textarea'));
    source.addEventListener('message', (e) => {
      const { message } = JSON.parse(e.data);
      if (list.querySelector(`[data-message-id="${CSS.escape(message.id)}"]`)) return;
      list.append(messageItem(message));
      list.lastElementChild.scrollIntoView({ block: 'nearest' });
      if (message.from === 'user') {
        typing.hidden = true;
        markRead();
      } else if (message.from === 'agent') {
        waited?.remove(); // answered: the user no longer waits
      }
    });
    source.addEventListener('typing', (e) => {
      const event = JSON.parse(e.data);
      if (event.from !== 'user') return;
      const left = Date.parse(event.until) - Date.now();
      typing.hidden = left <= 0;
      clearTimeout(typingTimer);
      typingTimer = setTimeout(() => (typing.hidden = true), Math.max(0, left));
    });
    source.addEventListener('status', (e) => {
      const event = JSON.parse(e.data);
      status.textContent = event.status;
      status.className = `status status-${event.status}`;
      statusChoice(event.status);
    });
    document.addEventListener('visibilitychange', markRead);

    const form = document.querySelector('form.reply');
    if (!form) return;
    const box = form.querySelector('textarea');
    const button = form.querySelector('button[type=submit]');
    let lastTyping = 0;
    box.addEventListener('input', () => {
      if (Date.now() - lastTyping < 3000 || !box.value.trim()) return;
      lastTyping = Date.now();
      void post(`${base}/typing`, {}).catch(() => undefined);
    });
    box.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) form.requestSubmit();
    });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const alert = form.parentElement.querySelector('.error[role=alert]') ?? addAlert(form);
      button.disabled = true;
      try {
        const response = await post(form.action, { body: box.value });
        const answer = await response.json().catch(() => ({}));
        if (!response.ok)
          throw new Error(answer.error?.message ?? `Not sent (${response.status}).`);
        box.value = ''; // the message itself arrives through the event stream, like everyone's
        alert.hidden = true;
      } catch (error) {
        // What the agent wrote stays in the box.
        alert.textContent =
          error instanceof TypeError ? 'Not sent: the server is unreachable.' : error.message;
        alert.hidden = false;
      } finally {
        button.disabled = false;
        box.focus();
      }
    });
  }

  /** A ticket reply as the server renders it (render-ticket.ts). */
  function replyItem(reply) {
    const li = document.createElement('li');
    li.dataset.replyId = reply.id;
    const who = document.createElement('strong');
    who.className = `from-${reply.from}`;
    who.textContent = reply.from;
    const at = document.createElement('span');
    at.className = 'muted';
    at.textContent = reply.at;
    const body = document.createElement('div');
    body.textContent = reply.body;
    li.append(who, ' ', at, body);
    return li;
  }

  // A ticket's page: the user's replies (and the agents' from other consoles or a helpdesk) and
  // status changes arrive without a reload, as on a conversation's page.
  function ticketPage(list) {
    const query = new URLSearchParams({
      ticket: list.dataset.ticket,
      after: list.dataset.lastEvent,
    });
    const source = new EventSource(`/inbox/events?${query}`);
    onReset(source, document.querySelector('form textarea[name=body]'));
    const status = document.querySelector('[data-live=status]');
    const statusChoice = followStatus(document.querySelector('select[name=status]'));
    source.addEventListener('message', (e) => {
      const { message } = JSON.parse(e.data);
      if (list.querySelector(`[data-reply-id="${CSS.escape(message.id)}"]`)) return;
      document.querySelector('[data-live=no-replies]')?.remove();
      list.append(replyItem(message));
    });
    source.addEventListener('status', (e) => {
      const next = JSON.parse(e.data).status;
      status.textContent = next;
      statusChoice(next);
    });
  }

  function addAlert(form) {
    const p = document.createElement('p');
    p.className = 'error';
    p.setAttribute('role', 'alert');
    form.before(p);
    return p;
  }

  function listPage(table) {
    let timer;
    const refresh = () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const response = await fetch('/inbox', { credentials: 'same-origin' });
        if (!response.ok) return;
        // The server's own escaped markup, parsed inert (DOMParser runs no script).
        const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
        const rows = doc.querySelector('table.entries tbody');
        const summary = doc.querySelector('[data-live=list]');
        if (rows) table.tBodies[0].replaceWith(rows);
        if (summary) document.querySelector('[data-live=list]')?.replaceWith(summary);
      }, 250);
    };
    const source = new EventSource('/inbox/events?after=latest');
    for (const type of ['message', 'status', 'read']) source.addEventListener(type, refresh);
  }

  const list = document.querySelector('ol.messages[data-conversation]');
  if (list) conversationPage(list);
  const thread = document.querySelector('ol.thread[data-ticket][data-last-event]');
  if (thread) ticketPage(thread);
  const table = document.querySelector('table.entries');
  if (table) listPage(table);
})();
