/**
 * True when a read mark may move from `current` to `upTo`: `upTo` is one of `messages` and comes
 * after `current`. Marks only move forward, so a late or repeated mark never unreads a message;
 * a `current` mark no longer among `messages` (trimmed from a kept window) counts as none. The
 * relay's stores and the browser's log apply this one rule.
 * @example markAdvances([{ id: 'a' }, { id: 'b' }], 'a', 'b') // false: 'a' is before 'b'
 */
export function markAdvances(
  messages: readonly { id: string }[],
  upTo: string,
  current: string | undefined,
): boolean {
  const at = (id: string) => messages.findIndex((m) => m.id === id);
  return at(upTo) > (current ? at(current) : -1);
}
