import type { ProblemCode } from './messages/types';

/** The kinds of custom field an app can declare; a UI picks its control from `type`. */
export type FieldType =
  | 'text'
  | 'longText'
  | 'number'
  | 'select'
  | 'multiSelect'
  | 'checkbox'
  | 'date'
  | 'orderNumber';

/** A custom field: one declaration drives both the form a UI renders and the validation. */
export interface FieldSpec {
  /** The key in `ticket.fields`. */
  name: string;
  type: FieldType;
  /** The label per locale (`{ 'zh-CN': '订单号', en: 'Order number' }`); falls back to the message table, then `name`. */
  label?: Record<string, string>;
  /** @default false */
  required?: boolean;
  /** For select and multiSelect: the values, each with labels per locale. */
  options?: { value: string; label?: Record<string, string> }[];
  /** Text: most characters (@default 200 for text, 5000 for longText); number: the largest value; multiSelect: most picks. */
  max?: number;
  /** Text: fewest characters; number: the smallest value. @default none */
  min?: number;
  /** Number: only whole numbers. @default false */
  integer?: boolean;
}

/** A field problem before localization: which field and why, with the limit that applies. */
export interface RawProblem {
  field: string;
  code: ProblemCode;
  n?: number;
}

const ORDER = /^[A-Za-z0-9][A-Za-z0-9-]{4,30}[A-Za-z0-9]$/;

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    value === false ||
    (Array.isArray(value) && value.length === 0)
  );
}

function isDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!));
  // Date.UTC rolls 2026-02-30 over into March: a real date reads back the same.
  return date.toISOString().slice(0, 10) === value;
}

function checkText(
  value: unknown,
  spec: FieldSpec,
  fallbackMax: number,
): Omit<RawProblem, 'field'> | undefined {
  if (typeof value !== 'string') return { code: 'required' };
  const length = value.trim().length;
  if (spec.min !== undefined && length < spec.min) return { code: 'too_short', n: spec.min };
  const max = spec.max ?? fallbackMax;
  if (length > max) return { code: 'too_long', n: max };
  return undefined;
}

function checkValue(value: unknown, spec: FieldSpec): Omit<RawProblem, 'field'> | undefined {
  const values = new Set((spec.options ?? []).map((o) => o.value));
  switch (spec.type) {
    case 'text':
      return checkText(value, spec, 200);
    case 'longText':
      return checkText(value, spec, 5000);
    case 'number': {
      // Form inputs give strings: '12' is a number, '12abc' and '' are not.
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) return { code: 'not_a_number' };
      if (spec.integer && !Number.isInteger(n)) return { code: 'not_whole' };
      if (spec.min !== undefined && n < spec.min) return { code: 'too_small', n: spec.min };
      if (spec.max !== undefined && n > spec.max) return { code: 'too_large', n: spec.max };
      return undefined;
    }
    case 'select':
      return typeof value === 'string' && values.has(value) ? undefined : { code: 'not_an_option' };
    case 'multiSelect':
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && values.has(v)))
        return { code: 'not_an_option' };
      return spec.max !== undefined && value.length > spec.max
        ? { code: 'too_many', n: spec.max }
        : undefined;
    case 'checkbox':
      return typeof value === 'boolean' ? undefined : { code: 'required' };
    case 'date':
      return typeof value === 'string' && isDate(value) ? undefined : { code: 'not_a_date' };
    case 'orderNumber':
      return typeof value === 'string' && ORDER.test(value.trim())
        ? undefined
        : { code: 'not_an_order_number' };
  }
}

/**
 * Checks one custom field's value against its declaration. An empty optional field passes; a
 * required checkbox must be ticked (a consent box). Returns the problem, or undefined.
 */
export function validateField(
  spec: FieldSpec,
  value: unknown,
  path = `fields.${spec.name}`,
): RawProblem | undefined {
  if (isEmpty(value)) return spec.required ? { field: path, code: 'required' } : undefined;
  const problem = checkValue(value, spec);
  return problem && { field: path, ...problem };
}

/** The value as the wire carries it: numbers from numeric strings, trimmed text. */
export function normalizeField(spec: FieldSpec, value: unknown): unknown {
  if (spec.type === 'number' && typeof value === 'string' && value.trim() !== '')
    return Number(value);
  if (typeof value === 'string') return value.trim();
  return value;
}
