/**
 * The part of a schema issue we read, in zod's shape: kefu's schemas (src/shared/schema.ts) and
 * the relay's zod schemas of helpdesk answers report alike. Neither words its issues (every
 * message is "Invalid input" unless a check gave one), so the words come from here.
 */
export interface SchemaIssue {
  readonly code?: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly expected?: unknown;
  readonly format?: unknown;
  readonly origin?: unknown;
  readonly minimum?: unknown;
  readonly maximum?: unknown;
  readonly values?: readonly unknown[];
  readonly keys?: readonly string[];
}

/** A problem with one field, as shown to a developer or next to a form field. */
export interface FieldProblem {
  /** Dotted path (`contact.email`, `fields.0.value`); empty for the whole value. */
  field: string;
  message: string;
}

function describe(issue: SchemaIssue): string {
  if (issue.message && issue.message !== 'Invalid input') return issue.message;
  const unit = issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : '';
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${String(issue.expected)}`;
    case 'invalid_format':
      return `must be a valid ${String(issue.format)}`;
    case 'too_small':
      return `must be at least ${String(issue.minimum)}${unit}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}${unit}`;
    case 'invalid_value':
      return `must be one of ${(issue.values ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown keys ${(issue.keys ?? []).join(', ')}`;
    default:
      return 'is not valid';
  }
}

/** Turns schema issues into field problems with dotted paths and readable messages. */
export function formatIssues(issues: readonly SchemaIssue[]): FieldProblem[] {
  return issues.map((issue) => ({
    field: issue.path.map((part) => String(part)).join('.'),
    message: describe(issue),
  }));
}

/** One line for an error message: "`contact.email` must be a valid email; `category` expected string". */
export function summarizeIssues(issues: readonly SchemaIssue[]): string {
  return formatIssues(issues)
    .map((p) => (p.field ? `\`${p.field}\` ${p.message}` : p.message))
    .join('; ');
}
