import type { FieldProblem } from '../errors';
import type { SchemaIssue } from '../errors';
import type { RawProblem } from './fields';
import type { Messages } from './messages/types';

/** Picks the label for `locale` from a per-locale record: exact tag, then its language, then any. */
export function pick(
  labels: Record<string, string> | undefined,
  locale: string,
): string | undefined {
  if (!labels) return undefined;
  return (
    labels[locale] ??
    labels[locale.split('-')[0]!] ??
    Object.entries(labels).find(([tag]) => tag.split('-')[0] === locale.split('-')[0])?.[1]
  );
}

/**
 * Turns raw problems into the user's words: "手机号：不是中国大陆手机号…". `labelOf` names the
 * field as the form shows it (custom fields have their own labels).
 */
export function localizeProblems(
  problems: readonly RawProblem[],
  messages: Messages,
  labelOf: (field: string) => string | undefined,
): FieldProblem[] {
  return problems.map(({ field, code, n }) => {
    const reason = messages.reasons[code].replace('{n}', String(n ?? ''));
    const label = labelOf(field) ?? messages.labels[field] ?? field;
    return {
      field,
      message: messages.problem.replace('{field}', label).replace('{reason}', reason),
    };
  });
}

/**
 * Wire-schema issues (the last check before an envelope is made, for values the form does not
 * ask about, such as the watch context) as raw problems, so they too reach the user in their words.
 */
export function issuesToProblems(issues: readonly SchemaIssue[]): RawProblem[] {
  return issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    const n =
      typeof issue.maximum === 'number'
        ? issue.maximum
        : typeof issue.minimum === 'number'
          ? issue.minimum
          : undefined;
    if (issue.code === 'too_big')
      return {
        field,
        code:
          issue.origin === 'string'
            ? 'too_long'
            : issue.origin === 'array'
              ? 'too_many'
              : 'too_large',
        ...(n !== undefined ? { n } : {}),
      };
    if (issue.code === 'too_small')
      return issue.origin === 'string' && n === 1
        ? { field, code: 'required' }
        : {
            field,
            code: issue.origin === 'string' ? 'too_short' : 'too_small',
            ...(n !== undefined ? { n } : {}),
          };
    if (issue.code === 'invalid_value') return { field, code: 'not_an_option' };
    return { field, code: 'invalid' };
  });
}
