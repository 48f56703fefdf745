const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML element content and quoted attribute values. Everything a ticket carries
 * is typed by a stranger, so every value goes through here on its way into the inbox, whatever
 * field it came from: diagnostics keys and attachment names included.
 */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** A tagged template that escapes every interpolated value unless it is already {@link SafeHtml}. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    const parts = Array.isArray(value) ? value : [value];
    out +=
      parts.map((p) => (p instanceof SafeHtml ? p.value : escapeHtml(p))).join('') +
      strings[i + 1]!;
  });
  return new SafeHtml(out);
}

/** Markup built by {@link html}: the only thing inserted unescaped. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}
