/**
 * The schemas of the wire protocol and of createKefu's config, written as zod/mini writes them
 * (`s.object({ id: s.string().check(s.maxLength(200)) })`) but with only the kinds and checks
 * kefu uses. Why not zod: the browser pays for what it loads, and zod's core was 10 KB gzip of
 * the sending code (test/size); this module is 2 KB. The relay checks every request with the
 * same schemas, so one definition still bounds both sides.
 *
 * Results and issues have zod's shape (`{ success, data }` or `{ success, error: { issues } }`,
 * each issue with `code`, `path`, `message` and zod's details), so src/errors/format-issues.ts
 * words them. test/shared/schema.test.ts parses the same inputs with zod and with this module
 * and expects the same answers.
 */

/** One problem, as zod reports it: what (`code`), where (`path`), and the details. */
export interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  [detail: string]: unknown;
}

/** A refusal: its issues in the order the input was read. */
export class SchemaError extends Error {
  constructor(readonly issues: Issue[]) {
    super(issues.map((i) => `${i.path.join('.') || 'value'}: ${i.code}`).join('; '));
    this.name = 'SchemaError';
  }
}

export type ParseResult<T> = { success: true; data: T } | { success: false; error: SchemaError };

// An issue found while reading: `stop` marks one after which the checks of what holds it do not
// run (a wrong type), as zod's issues without `continue`.
type Found = Issue & { stop?: boolean };
type Report = (issue: {
  code: string;
  path?: PropertyKey[];
  stop?: boolean;
  [detail: string]: unknown;
}) => void;
type Reader = (value: unknown, found: Found[], path: PropertyKey[]) => unknown;

/** A check run after the type is read; `box.value` may be replaced (trim). */
export type Check<T> = (box: { value: T }, report: Report) => void;

/** A schema: what it reads into (`Out`) from what it accepts (`In`). */
export interface Schema<Out = unknown, In = Out> {
  /** Types only: what parsing yields and takes. */
  readonly _out: Out;
  readonly _in: In;
  /** Present on object schemas: the fields, for discriminated unions. */
  readonly shape?: Record<string, Schema>;
  /** Present on literal and enum schemas: the values accepted. */
  readonly values?: readonly unknown[];
  readonly read: Reader;
  safeParse(value: unknown): ParseResult<Out>;
  /** The value read, or a throw of SchemaError. */
  parse(value: unknown): Out;
  /** The same schema with more checks, run in order after the type is read. */
  check(...checks: Check<Out>[]): this;
}

/** What a schema yields. */
export type output<S> = S extends Schema<infer O, unknown> ? O : never;
/** What a schema accepts. */
export type input<S> = S extends Schema<unknown, infer I> ? I : never;
export type { output as infer };

const issue = (found: Found[], path: PropertyKey[], fields: object, stop?: boolean) => {
  found.push({ code: '', message: 'Invalid input', ...fields, path, ...(stop ? { stop } : {}) });
};
/** Issues as they are handed out, without the reading's own mark. */
const handOut = (found: Found[]): Issue[] => found.map(({ stop, ...kept }) => kept);

// zod checks an array's length before its items, and reads no item of an array out of bounds:
// a list of a million entries is refused without a million reads.
const SIZE = Symbol('size');
const sizeCheck = (check: Check<{ length: number }>): Check<{ length: number }> =>
  Object.assign(check, { [SIZE]: true });

/* @__NO_SIDE_EFFECTS__ */
function schema<Out, In = Out>(
  read: Reader,
  extra: Partial<Pick<Schema, 'shape' | 'values'>> & { sizeFirst?: boolean } = {},
  checks: Check<never>[] = [],
): Schema<Out, In> {
  const { sizeFirst, ...exposed } = extra;
  // Split once, not on every read: an array's size checks, and the checks after its items.
  const first = sizeFirst ? checks.filter((c) => SIZE in c) : [];
  const later = sizeFirst ? checks.filter((c) => !(SIZE in c)) : checks;
  const run = (
    list: Check<never>[],
    box: { value: unknown },
    found: Found[],
    path: PropertyKey[],
  ) => {
    const report: Report = ({ path: at = [], ...fields }) =>
      issue(found, [...path, ...at], { message: 'Invalid input', ...fields });
    const before = found.length;
    for (const check of list) {
      const seen = found.length;
      (check as Check<unknown>)(box, report);
      if (found.slice(seen).some((f) => f.stop)) break;
    }
    return found.length > before;
  };
  const self: Schema<Out, In> = {
    ...exposed,
    read(value, found, path) {
      const before = found.length;
      if (first.length && Array.isArray(value) && run(first, { value }, found, path)) {
        for (const f of found.slice(before)) f.stop = true;
        return value;
      }
      const out = read(value, found, path);
      if (!later.length || found.slice(before).some((f) => f.stop)) return out;
      const box = { value: out };
      run(later, box, found, path);
      return box.value;
    },
    safeParse(value) {
      const found: Found[] = [];
      const data = self.read(value, found, []) as Out;
      if (!found.length) return { success: true, data };
      return { success: false, error: new SchemaError(handOut(found)) };
    },
    parse(value) {
      const result = self.safeParse(value);
      if (result.success) return result.data;
      throw result.error;
    },
    check(...more) {
      return schema(read, extra, [...checks, ...(more as Check<never>[])]) as never;
    },
  } as Omit<Schema<Out, In>, '_out' | '_in'> as Schema<Out, In>;
  return self;
}

const typed = <T>(expected: string, ok: (value: unknown) => boolean) =>
  schema<T>((value, found, path) => {
    if (!ok(value)) issue(found, path, { code: 'invalid_type', expected }, true);
    return value;
  });

export const string = () => typed<string>('string', (v) => typeof v === 'string');
export const number = () =>
  typed<number>('number', (v) => typeof v === 'number' && Number.isFinite(v));
export const boolean = () => typed<boolean>('boolean', (v) => typeof v === 'boolean');
const nothing = () => typed<null>('null', (v) => v === null);
export { nothing as null };
export const unknown = () => schema<unknown>((value) => value);
/** A value `test` accepts; typed by the caller. */
export const custom = <T>(test: (value: unknown) => boolean) =>
  schema<T>((value, found, path) => {
    if (!test(value)) issue(found, path, { code: 'custom' }, true);
    return value;
  });

const oneOf = <T>(values: readonly unknown[]) =>
  schema<T>(
    (value, found, path) => {
      if (!values.includes(value)) issue(found, path, { code: 'invalid_value', values }, true);
      return value;
    },
    { values },
  );
export const literal = <const T extends string | number | boolean>(value: T) => oneOf<T>([value]);
const choice = <const T extends readonly string[]>(values: T) => oneOf<T[number]>(values);
export { choice as enum };

const matching = (format: string, pattern: RegExp): Check<string> => {
  return (box, report) => {
    if (!pattern.test(box.value))
      report({ code: 'invalid_format', origin: 'string', format, pattern: String(pattern) });
  };
};
const UUID =
  /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;
/** An RFC 9562 UUID, as zod's `uuid()`. */
export const uuid = () => string().check(matching('uuid', UUID));
// zod's iso datetime with an offset: RFC 3339 date and time, seconds required, Z or ±hh:mm.
const DATETIME =
  /^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))T(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|([+-](?:[01]\d|2[0-3]):[0-5]\d)))$/;
export const iso = {
  /** An ISO 8601 date and time with Z or an offset (`{ offset: true }` is the only form kefu uses). */
  datetime: (_: { offset: true }) => string().check(matching('datetime', DATETIME)),
};

export const optional = <S extends Schema>(inner: S) =>
  schema<output<S> | undefined, input<S> | undefined>((value, found, path) =>
    value === undefined ? value : inner.read(value, found, path),
  ) as Schema<output<S> | undefined, input<S> | undefined> & { readonly optional: true };
export const nullable = <S extends Schema>(inner: S) =>
  schema<output<S> | null, input<S> | null>((value, found, path) =>
    value === null ? value : inner.read(value, found, path),
  );

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

type Shape = Record<string, Schema>;
type OptionalKeys<S extends Shape> = {
  [K in keyof S]: S[K] extends { readonly optional: true } ? K : never;
}[keyof S];
type Fields<S extends Shape, T extends 'o' | 'i'> = {
  [K in Exclude<keyof S, OptionalKeys<S>>]: T extends 'o' ? output<S[K]> : input<S[K]>;
} & { [K in OptionalKeys<S>]?: T extends 'o' ? output<S[K]> : input<S[K]> };
type Flat<T> = { [K in keyof T]: T[K] } & {};

/** An object with these fields; other keys are dropped, as zod's default does. */
export const object = <S extends Shape>(shape: S) =>
  schema<Flat<Fields<S, 'o'>>, Flat<Fields<S, 'i'>>>(
    (value, found, path) => {
      if (!isRecord(value))
        return issue(found, path, { code: 'invalid_type', expected: 'object' }, true);
      const out: Record<string, unknown> = {};
      for (const key in shape) {
        const read = shape[key]!.read(value[key], found, [...path, key]);
        if (read !== undefined) out[key] = read;
      }
      return out;
    },
    { shape },
  );

export const array = <S extends Schema>(item: S) =>
  schema<output<S>[], input<S>[]>(
    (value, found, path) => {
      if (!Array.isArray(value))
        return issue(found, path, { code: 'invalid_type', expected: 'array' }, true);
      return value.map((each, i) => item.read(each, found, [...path, i]));
    },
    { sizeFirst: true },
  );

export const record = <K extends Schema<string>, V extends Schema>(key: K, item: V) =>
  schema<Record<output<K>, output<V>>, Record<input<K>, input<V>>>((value, found, path) => {
    if (!isRecord(value))
      return issue(found, path, { code: 'invalid_type', expected: 'record' }, true);
    // Built by Object.fromEntries, which defines each key: a key "__proto__" (JSON.parse makes
    // it an own key) stays a key instead of replacing the output's prototype.
    const entries: [string, unknown][] = [];
    for (const name of Object.keys(value)) {
      const keyIssues: Found[] = [];
      key.read(name, keyIssues, []);
      if (keyIssues.length) {
        const issues = handOut(keyIssues);
        issue(found, [...path, name], { code: 'invalid_key', origin: 'record', issues });
      } else entries.push([name, item.read(value[name], found, [...path, name])]);
    }
    return Object.fromEntries(entries);
  });

/**
 * The first option that reads without issue. When all fail and exactly one failed only its
 * checks (a string too long, not a number), its issues are the answer, as in zod: they say more
 * than "no option matched".
 */
export const union = <const O extends readonly Schema[]>(options: O) =>
  schema<output<O[number]>, input<O[number]>>((value, found, path) => {
    const tries = options.map((option) => {
      const own: Found[] = [];
      return { own, out: option.read(value, own, path) };
    });
    const clean = tries.find((t) => !t.own.length);
    if (clean) return clean.out;
    const near = tries.filter((t) => !t.own.some((f) => f.stop));
    if (near.length === 1) found.push(...near[0]!.own);
    else {
      const errors = tries.map((t) => handOut(t.own));
      issue(found, path, { code: 'invalid_union', errors }, true);
    }
    return value;
  });

/** Objects told apart by the literal value of `key` (`kind`, `type`). */
export const discriminatedUnion = <const O extends readonly Schema[]>(key: string, options: O) =>
  schema<output<O[number]>, input<O[number]>>((value, found, path) => {
    if (!isRecord(value))
      return issue(found, path, { code: 'invalid_type', expected: 'object' }, true);
    const match = options.find((o) => o.shape?.[key]?.values?.includes(value[key]));
    if (match) return match.read(value, found, path);
    const values = options.flatMap((o) => o.shape?.[key]?.values ?? []);
    const fields = { code: 'invalid_union', errors: [], note: 'No matching discriminator' };
    issue(found, [...path, key], { ...fields, discriminator: key, options: values }, true);
    return value;
  });

// The checks. Each reports with zod's code and details, so the same words describe it.
const sized = (box: { value: { length: number } }) =>
  typeof box.value === 'string' ? 'string' : 'array';
export const minLength = (minimum: number) =>
  sizeCheck((box, report) => {
    if (box.value.length < minimum)
      report({ code: 'too_small', origin: sized(box), minimum, inclusive: true });
  });
export const maxLength = (maximum: number) =>
  sizeCheck((box, report) => {
    if (box.value.length > maximum)
      report({ code: 'too_big', origin: sized(box), maximum, inclusive: true });
  });
export const regex = (pattern: RegExp) => matching('regex', pattern);
/** Replaces the value with its trimmed self, so later checks and the output see it trimmed. */
export const trim = (): Check<string> => (box) => {
  box.value = box.value.trim();
};
export const gte =
  (minimum: number): Check<number> =>
  (box, report) => {
    if (box.value < minimum)
      report({ code: 'too_small', origin: 'number', minimum, inclusive: true });
  };
export const lte =
  (maximum: number): Check<number> =>
  (box, report) => {
    if (box.value > maximum)
      report({ code: 'too_big', origin: 'number', maximum, inclusive: true });
  };
export const nonnegative = () => gte(0);
export const int = (): Check<number> => (box, report) => {
  if (!Number.isInteger(box.value))
    report({ code: 'invalid_type', expected: 'int', format: 'safeint', stop: true });
  else if (!Number.isSafeInteger(box.value))
    report({ code: 'too_big', origin: 'int', maximum: Number.MAX_SAFE_INTEGER, inclusive: true });
};
/** A test of the value, with the message shown when it fails (and where, for an object). */
export const refine = <T>(
  test: (value: T) => boolean,
  params?: string | { message?: string; path?: PropertyKey[] },
) =>
  ((box, report) => {
    if (test(box.value)) return;
    const { message = 'Invalid input', path } =
      typeof params === 'string' ? { message: params } : (params ?? {});
    report({ code: 'custom', message, ...(path ? { path } : {}) });
  }) as Check<T>;
