/**
 * The Host names the server answers to. A DNS-rebinding page (evil.example resolving to
 * 127.0.0.1) reaches the server with `Host: evil.example:5178`; refusing every name not on the
 * list keeps it from reading the console or passing the relay's same-origin check.
 */
export interface HostCheck {
  /** True when a `Host` header names this server. */
  allows(host: string | undefined): boolean;
  /** The names allowed, for messages. */
  readonly names: readonly string[];
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/**
 * Builds the check from `host[:port]` entries; an entry without a port allows any port. The
 * loopback names are always allowed on `port`, since only a local process can reach them.
 */
export function createHostCheck(entries: readonly string[], port: number): HostCheck {
  const names = [
    ...LOOPBACK_NAMES.map((name) => `${name}:${port}`),
    ...entries.map((e) => e.trim().toLowerCase()).filter(Boolean),
  ];
  const exact = new Set(names);
  return {
    names,
    allows(host) {
      if (!host) return false;
      const h = host.toLowerCase();
      if (exact.has(h)) return true;
      const bare = h.replace(/:\d+$/, '');
      return exact.has(bare);
    },
  };
}
