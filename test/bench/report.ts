/** One section of the `npm run bench` report: a titled table, and notes under it. */
export interface BenchSection {
  title: string;
  rows: Record<string, string | number>[];
  notes?: string[];
}

/** Formats a section as an aligned plain-text table. */
export function formatSection(section: BenchSection): string {
  const lines = [`## ${section.title}`];
  const columns = [...new Set(section.rows.flatMap((row) => Object.keys(row)))];
  const cell = (v: unknown) =>
    typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(3)) : String(v ?? '');
  const widths = columns.map((c) =>
    Math.max(c.length, ...section.rows.map((r) => cell(r[c]).length)),
  );
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  if (columns.length) {
    lines.push(line(columns), line(widths.map((w) => '-'.repeat(w))));
    for (const row of section.rows) lines.push(line(columns.map((c) => cell(row[c]))));
  }
  for (const note of section.notes ?? []) lines.push(`  ${note}`);
  return lines.join('\n');
}
