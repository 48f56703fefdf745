import { KefuError } from '../errors/kefu-error';
import type { FaqArticle } from '../protocol/faq';

type Kind = 'string' | 'number' | 'array';
// The fields of an article in the order of faqFileSchema (src/protocol/faq.ts), so that the first
// problem found is the one the schema names first; `?` marks the optional ones.
const FIELDS: [name: keyof FaqArticle, kind: Kind, optional?: true][] = [
  ['id', 'string'],
  ['title', 'string'],
  ['body', 'string'],
  ['category', 'string', true],
  ['tags', 'array', true],
  ['questions', 'array', true],
  ['locale', 'string', true],
  ['views', 'number', true],
];

const kindOf = (value: unknown): string =>
  Array.isArray(value) ? 'array' : Number.isNaN(value) ? 'NaN' : typeof value;

/**
 * Checks a FAQ file (the answer of `GET {endpoint}/faq`) without the schema code, on the path
 * from a tap on "help" to a usable search, where its 2 KB gzip would delay the answer (DESIGN.md
 * allows it).
 * It accepts and refuses what `faqFileSchema` does (test/faq/faq-guard.test.ts feeds both the
 * same fixtures), keeps only the known fields as the schema does, and names the first problem as
 * `parseFaqFile` would: "FAQ file is not valid: article 1 (id "bad"): `articles.1.title`
 * expected string".
 */
export function guardFaqFile(
  data: unknown,
  code: 'invalid_input' | 'invalid_response' = 'invalid_response',
): FaqArticle[] {
  const fail = (path: (string | number)[], message: string, article?: unknown): never => {
    const at = path[1];
    const id = (article as { id?: unknown } | undefined)?.id;
    const which =
      typeof at === 'number'
        ? `article ${at}${typeof id === 'string' ? ` (id "${id}")` : ''}: `
        : '';
    const field = path.join('.');
    throw new KefuError(
      code,
      `FAQ file is not valid: ${which}${field ? `\`${field}\` ` : ''}${message}`,
      field ? { field } : {},
    );
  };
  if (kindOf(data) !== 'object' || data === null) return fail([], 'expected object');
  const list = (data as { articles?: unknown }).articles;
  if (!Array.isArray(list)) return fail(['articles'], 'expected array');
  return list.map((raw: unknown, i) => {
    if (kindOf(raw) !== 'object' || raw === null)
      return fail(['articles', i], 'expected object', raw);
    const article: Record<string, unknown> = {};
    for (const [name, kind, optional] of FIELDS) {
      const value = (raw as Record<string, unknown>)[name];
      if (value === undefined && optional) continue;
      if (kindOf(value) !== kind) fail(['articles', i, name], `expected ${kind}`, raw);
      if (kind === 'array')
        (value as unknown[]).forEach((item, j) => {
          if (typeof item !== 'string') fail(['articles', i, name, j], 'expected string', raw);
        });
      if (name === 'id' && (value as string).length < 1)
        fail(['articles', i, name], 'must be at least 1 characters', raw);
      article[name] = kind === 'array' ? [...(value as unknown[])] : value;
    }
    return article as unknown as FaqArticle;
  });
}
