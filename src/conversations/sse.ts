/** One Server-Sent Event as the stream delivers it: `id`, `event` (the type) and `data`. */
export interface SseMessage {
  id?: string;
  event: string;
  data: string;
}

/**
 * An incremental Server-Sent Events parser (the HTML standard's algorithm, minus `retry`): feed
 * it text chunks as they arrive, in any split, and it calls `onMessage` for each complete event
 * and `onComment` for each comment line (`: hb`, the relay's heartbeat).
 */
export function createSseParser(
  onMessage: (message: SseMessage) => void,
  onComment: () => void = () => {},
): (chunk: string) => void {
  let buffer = '';
  let data: string[] = [];
  let event = '';
  let id: string | undefined;
  let first = true;
  const line = (text: string) => {
    if (!text) {
      // A blank line ends the event; an event without data is dropped, as EventSource does.
      if (data.length)
        onMessage({
          event: event || 'message',
          data: data.join('\n'),
          ...(id === undefined ? {} : { id }),
        });
      data = [];
      event = '';
      return;
    }
    if (text[0] === ':') return onComment();
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value[0] === ' ') value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    // An id with a NUL is ignored (the standard); the last id persists across events.
    else if (field === 'id' && !value.includes('\0')) id = value;
  };
  // A CR ended the last chunk: an LF starting the next one belongs to it (CRLF).
  let afterCr = false;
  return (chunk) => {
    if (afterCr && chunk[0] === '\n') chunk = chunk.slice(1);
    afterCr = false;
    buffer += chunk;
    if (first && buffer) {
      // A byte-order mark at the very start is not part of the first field.
      if (buffer[0] === '\ufeff') buffer = buffer.slice(1);
      first = false;
    }
    let start = 0;
    for (let i = 0; i < buffer.length; i++) {
      const c = buffer[i];
      if (c !== '\n' && c !== '\r') continue;
      line(buffer.slice(start, i));
      if (c === '\r') {
        if (i === buffer.length - 1) afterCr = true;
        else if (buffer[i + 1] === '\n') i++;
      }
      start = i + 1;
    }
    buffer = buffer.slice(start);
  };
}
