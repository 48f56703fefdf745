import { escapeHtml } from '../../shared/escape-html';

/**
 * Plain-text lines as the HTML body a helpdesk renders: each non-empty line one paragraph with
 * its text escaped (whatever a ticket carries was typed by a stranger), an empty line nothing,
 * since paragraphs already set the parts apart.
 *
 * @example linesToHtml(['<b>hi</b>', '', 'a & b']) // '<p>&lt;b&gt;hi&lt;/b&gt;</p><p>a &amp; b</p>'
 */
export function linesToHtml(lines: string[]): string {
  return lines.map((line) => (line ? `<p>${escapeHtml(line)}</p>` : '')).join('');
}
