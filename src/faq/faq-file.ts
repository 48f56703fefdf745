import { KefuError } from '../errors/kefu-error';
import { summarizeIssues } from '../errors/format-issues';
import { type FaqArticle, faqFileSchema } from '../protocol/faq';

let schema: ReturnType<typeof faqFileSchema> | undefined;

/**
 * Validates a FAQ file with its schema at hand: this module holds the schema code, so `parseFaqFile` (load.ts)
 * loads it on demand. The error names the article (position and id) and the field at fault,
 * e.g. "FAQ file is not valid: article 3 (id "zh-refund"): `articles.3.title` expected string".
 */
export function parseFaqFileSync(
  data: unknown,
  code: 'invalid_input' | 'invalid_response' = 'invalid_response',
): FaqArticle[] {
  const result = (schema ??= faqFileSchema()).safeParse(data);
  if (result.success) return result.data.articles;
  const issues = result.error.issues;
  const at = issues[0]?.path[0] === 'articles' ? issues[0].path[1] : undefined;
  const raw = typeof at === 'number' ? (data as { articles: unknown[] }).articles[at] : undefined;
  const id =
    raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string'
      ? ` (id "${(raw as { id: string }).id}")`
      : '';
  const which = typeof at === 'number' ? `article ${at}${id}: ` : '';
  return fail(
    code,
    `FAQ file is not valid: ${which}${summarizeIssues(issues)}`,
    issues[0]?.path.join('.'),
  );
}

function fail(
  code: 'invalid_input' | 'invalid_response',
  message: string,
  field: string | undefined,
): never {
  throw new KefuError(code, message, field ? { field } : {});
}
