import { describe, expect, it } from 'vitest';
import * as zod from 'zod/mini';
import { formatIssues, type SchemaIssue } from '../../src/errors/format-issues';
import * as s from '../../src/shared/schema';

// kefu's schemas replaced zod's in the protocol and the config. Each case below is built twice,
// with zod/mini and with src/shared/schema.ts through the same calls, and every input must get the
// same answer: accepted with the same data, or refused with the same issues, in the same order,
// worded the same by formatIssues.
type Lib = typeof s;
const libs = { zod: zod as unknown as Lib, kefu: s };

const cases: { name: string; make: (z: Lib) => s.Schema; inputs: unknown[] }[] = [
  {
    name: 'a string with bounds, a pattern and trim',
    make: (z) => z.string().check(z.trim(), z.minLength(2), z.maxLength(4), z.regex(/^a/)),
    inputs: ['ab', '  ab  ', 'abcd', 'abcde', 'a', ' ', '', 'bcd', 'bcdefg', 7, null, undefined],
  },
  {
    name: 'numbers: finite, whole, within bounds',
    make: (z) => z.number().check(z.int(), z.gte(0), z.lte(10)),
    inputs: [0, 10, 5, -1, 11, 1.5, -0.5, 2 ** 60, Number.NaN, Infinity, '3', true],
  },
  {
    name: 'a nonnegative number that may be null',
    make: (z) => z.nullable(z.number().check(z.nonnegative())),
    inputs: [0, 3.5, -0.001, null, undefined, 'x'],
  },
  {
    name: 'literals and enums',
    make: (z) => z.object({ v: z.literal(1), kind: z.enum(['a', 'b']), on: z.boolean() }),
    inputs: [
      { v: 1, kind: 'a', on: true },
      { v: 2, kind: 'c', on: 'yes' },
      { v: '1', kind: 'A', on: false },
      {},
    ],
  },
  {
    name: 'objects: strip unknown keys, optional fields, nested paths',
    make: (z) =>
      z.object({
        id: z.string().check(z.minLength(1)),
        contact: z.optional(z.object({ email: z.optional(z.string().check(z.maxLength(5))) })),
        tags: z.optional(z.array(z.string().check(z.maxLength(3))).check(z.maxLength(2))),
      }),
    inputs: [
      { id: 'x', extra: 1 },
      { id: 'x', contact: { email: 'a@b.c', phone: 1 }, tags: ['a'] },
      { id: '', contact: { email: 'toolong' }, tags: ['abcd', 5, 'ok'] },
      { id: 'x', contact: null },
      { id: 'x', tags: 'a' },
      [],
      null,
      'x',
    ],
  },
  {
    name: 'records: keys and values checked, keys named in the path',
    make: (z) => z.record(z.string().check(z.maxLength(3)), z.number()),
    inputs: [{ a: 1, bb: 2 }, { toolong: 1, ok: 'x' }, {}, [1], null],
  },
  {
    name: 'unions: the one near option speaks, else no option matched',
    make: (z) =>
      z.union([
        z.string().check(z.maxLength(3)),
        z.number(),
        z.array(z.string()).check(z.maxLength(1)),
        z.null(),
      ]),
    inputs: ['abc', 'abcd', 3, null, ['a'], ['a', 'b'], true, {}, undefined],
  },
  {
    name: 'discriminated unions',
    make: (z) =>
      z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('a'), x: z.string() }),
        z.object({ kind: z.literal('b'), y: z.optional(z.number()) }),
      ]),
    inputs: [
      { kind: 'a', x: 'x', extra: 1 },
      { kind: 'b' },
      { kind: 'a', x: 1 },
      { kind: 'c' },
      {},
      5,
      null,
    ],
  },
  {
    name: 'refinements run after the type and its checks, on objects and strings',
    make: (z) =>
      z
        .object({
          n: z.number(),
          name: z.string().check(
            z.maxLength(3),
            z.refine((v) => v !== 'bad', 'is bad'),
          ),
        })
        .check(z.refine((o) => o.n > 0, { message: 'n must be positive', path: ['n'] })),
    inputs: [
      { n: 1, name: 'ok' },
      { n: 0, name: 'ok' },
      { n: 0, name: 'toolong' },
      { n: 'x', name: 'bad' },
      { n: 1, name: 'bad' },
    ],
  },
  {
    name: 'uuid and ISO date-times with an offset',
    make: (z) => z.object({ id: z.uuid(), at: z.iso.datetime({ offset: true }) }),
    inputs: [
      { id: '7f1c6b1e-3c0a-4d2e-9b8a-1f2e3d4c5b6a', at: '2026-12-05T10:00:00Z' },
      { id: '7F1C6B1E-3C0A-4D2E-9B8A-1F2E3D4C5B6A', at: '2026-12-05T10:00:00.123+08:00' },
      { id: '7f1c6b1e-3c0a-0d2e-9b8a-1f2e3d4c5b6a', at: '2026-12-05T10:00Z' },
      { id: 'not-a-uuid', at: '2026-02-30T10:00:00Z' },
      { id: '00000000-0000-0000-0000-000000000000', at: '2024-02-29T23:59:59-05:30' },
      { id: 1, at: 2 },
    ],
  },
  {
    name: 'custom values',
    make: (z) => z.object({ fn: z.optional(z.custom((v) => typeof v === 'function')) }),
    inputs: [{ fn: () => 1 }, { fn: 1 }, {}],
  },
  {
    name: "a list's refinement, not run over an item refused",
    make: (z) =>
      z
        .array(z.custom<{ id: string }>((v) => typeof v === 'object' && v !== null))
        .check(z.refine((list) => list.every((c) => c.id.length > 0), 'needs ids')),
    inputs: [[null], [{ id: '' }], [{ id: 'a' }], [{ id: 'a' }, 5]],
  },
];

const answer = (schema: s.Schema, input: unknown) => {
  const result = schema.safeParse(input);
  if (result.success) return { data: result.data };
  const issues = result.error.issues as unknown as SchemaIssue[];
  return {
    issues: issues.map(({ code, path }) => ({ code, path })),
    words: formatIssues(issues),
  };
};

describe('kefu schemas, beside zod/mini', () => {
  for (const { name, make, inputs } of cases) {
    it(`answer as zod does: ${name}`, () => {
      const ours = make(libs.kefu);
      const theirs = make(libs.zod);
      for (const input of inputs) {
        expect(answer(ours, input), JSON.stringify(input) ?? String(input)).toEqual(
          answer(theirs, input),
        );
      }
    });
  }

  it('refuse with the details formatIssues words, in the order the fields were read', () => {
    const schema = s.object({
      a: s.string().check(s.maxLength(2)),
      b: s.number().check(s.int()),
      c: s.array(s.string()).check(s.minLength(1)),
      d: s.enum(['x', 'y']),
    });
    const result = schema.safeParse({ d: 'z', c: [], b: 1.5, a: 'abc' });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(formatIssues(result.error.issues)).toEqual([
      { field: 'a', message: 'must be at most 2 characters' },
      { field: 'b', message: 'expected int' },
      { field: 'c', message: 'must be at least 1 items' },
      { field: 'd', message: 'must be one of "x", "y"' },
    ]);
    expect(result.error).toBeInstanceOf(s.SchemaError);
    expect(() => schema.parse({})).toThrow(s.SchemaError);
  });

  it('give the trimmed string to the checks after trim and to the data', () => {
    const schema = s.string().check(s.trim(), s.minLength(1));
    expect(schema.parse('  视频卡顿 ')).toBe('视频卡顿');
    expect(schema.safeParse('   ').success).toBe(false);
  });

  it('keep a record key named __proto__ as a key, the output a plain object', () => {
    const parsed = s.record(s.string(), s.number()).parse(JSON.parse('{"__proto__": 7, "a": 1}'));
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(['__proto__', 'a']);
    expect(Object.getOwnPropertyDescriptor(parsed, '__proto__')?.value).toBe(7);
  });

  it('leave the schema a check was added to unchanged', () => {
    const base = s.string();
    const bounded = base.check(s.maxLength(1));
    expect(base.safeParse('ab').success).toBe(true);
    expect(bounded.safeParse('ab').success).toBe(false);
  });
});
