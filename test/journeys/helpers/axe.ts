import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let source: string | undefined;

/**
 * axe-core's violations on the whole page (the widget's shadow root, the app behind it, or the
 * console), WCAG 2.2 A/AA and best practice, as `rule: targets` lines; [] when clean.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through DevTools, not a <script>: the console's strict CSP refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window)))
    await page.evaluate((source ??= readFileSync(AXE, 'utf8')));
  return page.evaluate(async () => {
    const result = await (window as any).axe.run(document, {
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
    });
    return result.violations.map(
      (v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`,
    );
  });
}
