import { escapeHtml } from '../../../src/shared';

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
