import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { summarizeIssues } from '../../src/errors/format-issues';
import { type FaqArticle, faqArticleSchema } from '../../src/protocol';
import * as s from '../../src/shared/schema';

// The wire schema of GET /faq, so a file the server accepts is one every client accepts; titles
// must also not be empty, since the widget lists articles by title.
const fileSchema = s.array(
  faqArticleSchema().check(
    s.refine((article) => article.title.trim().length > 0, {
      message: 'needs a title: the widget lists articles by title',
      path: ['title'],
    }),
  ),
);

/**
 * Reads `<locale>.json` files (arrays of FAQ articles) from a directory, checking each, and
 * answers a locale with its own file, else another file of the same language (`zh-TW` → `zh-CN`).
 */
export function readFaqDirectory(
  dir: string,
): (locale: string) => readonly FaqArticle[] | undefined {
  const byLocale = new Map<string, FaqArticle[]>();
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
