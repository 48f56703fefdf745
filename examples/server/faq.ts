import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as z from 'zod/mini';
import { summarizeIssues } from '../../src/errors';
import type { RelayFaqArticle } from '../../src/relay';

const articleSchema = z.object({
  id: z.string().check(z.minLength(1)),
  title: z.string().check(z.minLength(1)),
  body: z.string(),
  category: z.optional(z.string()),
  tags: z.optional(z.array(z.string())),
  locale: z.optional(z.string()),
});
const fileSchema = z.array(articleSchema);

/**
 * Reads `<locale>.json` files (arrays of FAQ articles) from a directory, checking each, and
 * answers a locale with its own file, else another file of the same language (`zh-TW` → `zh-CN`).
 */
export function loadFaq(dir: string): (locale: string) => readonly RelayFaqArticle[] | undefined {
  const byLocale = new Map<string, RelayFaqArticle[]>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const locale = basename(file, '.json');
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    if (!parsed.success)
      throw new Error(`FAQ file ${file}: ${summarizeIssues(parsed.error.issues)}`);
    byLocale.set(
      locale.toLowerCase(),
      parsed.data.map((a) => ({ ...a, locale: a.locale ?? locale })),
    );
  }
  return (locale) => {
    const wanted = locale.toLowerCase();
    const exact = byLocale.get(wanted);
    if (exact) return exact;
    const language = wanted.split('-')[0]!;
    for (const [key, articles] of byLocale) if (key.split('-')[0] === language) return articles;
    return undefined;
  };
}
