import { describe, expect, it } from 'vitest';
import { createSseParser, type SseMessage } from '../../src/conversations/sse';

const parseAll = (chunks: string[]) => {
  const messages: SseMessage[] = [];
  let comments = 0;
  const feed = createSseParser(
    (m) => messages.push(m),
    () => comments++,
  );
  for (const chunk of chunks) feed(chunk);
  return { messages, comments };
};

describe('createSseParser', () => {
  const stream =
    ': hb\n\nid: 7\nevent: message\ndata: {"a":1}\n\nid: 8\nevent: status\ndata: line one\ndata: line two\n\n';

  it('reads ids, types, multi-line data and heartbeats, in order', () => {
    expect(parseAll([stream])).toEqual({
      messages: [
        { id: '7', event: 'message', data: '{"a":1}' },
        { id: '8', event: 'status', data: 'line one\nline two' },
      ],
      comments: 1,
    });
  });

  it('gives the same events whatever the chunks split, one character at a time included', () => {
    const whole = parseAll([stream]);
    expect(parseAll([...stream])).toEqual(whole);
    for (let cut = 1; cut < stream.length; cut++)
      expect(parseAll([stream.slice(0, cut), stream.slice(cut)]), `cut ${cut}`).toEqual(whole);
  });

  it('accepts CRLF and CR line ends, a CRLF split between chunks counting once', () => {
    const crlf = stream.replace(/\n/g, '\r\n');
    expect(parseAll([crlf])).toEqual(parseAll([stream]));
    expect(parseAll([stream.replace(/\n/g, '\r')])).toEqual(parseAll([stream]));
    const at = crlf.indexOf('\r\n', 10) + 1;
    expect(parseAll([crlf.slice(0, at), crlf.slice(at)])).toEqual(parseAll([stream]));
  });

  it('holds an event back until its blank line arrives, and drops one without data', () => {
    expect(parseAll(['id: 1\ndata: x\n']).messages).toEqual([]);
    expect(parseAll(['id: 1\nevent: typing\n\n']).messages).toEqual([]);
    expect(parseAll(['id: 1\ndata: x\n', '\n']).messages).toEqual([
      { id: '1', event: 'message', data: 'x' },
    ]);
  });

  it('strips a leading byte-order mark and one space after the colon only', () => {
    expect(parseAll(['\ufeffdata:  two spaces\n\n']).messages).toEqual([
      { event: 'message', data: ' two spaces' },
    ]);
  });

  it('keeps the last id for the events after it, and ignores an id containing NUL', () => {
    expect(parseAll(['id: 5\ndata: a\n\ndata: b\n\nid: 6\0\ndata: c\n\n']).messages).toEqual([
      { id: '5', event: 'message', data: 'a' },
      { id: '5', event: 'message', data: 'b' },
      { id: '5', event: 'message', data: 'c' },
    ]);
  });
});
