import { vi } from 'vitest';

// vi.waitFor gives up after 1 s unless told otherwise, and it has no config setting. What these
// tests wait for (an outbox drained, a stream's events, IndexedDB) is quick on an idle machine but
// can take longer on a loaded 2-core one: the default here is 10 s. A condition never reached still
// fails, later; a call that names its own timeout keeps it.
const waitFor = vi.waitFor.bind(vi);
vi.waitFor = ((callback, options) =>
  waitFor(
    callback,
    typeof options === 'number' ? options : { timeout: 10_000, ...options },
  )) as typeof vi.waitFor;
