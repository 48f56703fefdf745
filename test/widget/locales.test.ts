import { describe, expect, it } from 'vitest';
import { en } from '../../src/widget/locales/en';
import { ja } from '../../src/widget/locales/ja';
import { ko } from '../../src/widget/locales/ko';
import type { WidgetMessages } from '../../src/widget/locales/types';
import { zhCN } from '../../src/widget/locales/zh-CN';
import { zhTW } from '../../src/widget/locales/zh-TW';

// Every string of a pack, by its path, so packs can be compared with English key by key.
function flatten(value: unknown, path = ''): Record<string, string> {
  if (typeof value === 'string') return { [path]: value };
  return Object.assign(
    {},
    ...Object.entries(value as object).map(([k, v]) => flatten(v, path ? `${path}.${k}` : k)),
  );
}
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe.each([
  ['zh-CN', zhCN],
  ['zh-TW', zhTW],
  ['ja', ja],
  ['ko', ko],
] as [string, WidgetMessages][])('the %s pack', (locale, pack) => {
  it('has every string English has, with the same placeholders, and no empty one', () => {
    const base = flatten(en);
    const own = flatten(pack);
    expect(Object.keys(own).sort()).toEqual(Object.keys(base).sort());
    for (const [path, text] of Object.entries(base)) {
      if (path === 'locale' || path === 'dir') continue;
      expect(placeholders(own[path]!), `${locale} ${path}`).toEqual(placeholders(text));
      expect(own[path]!.trim(), `${locale} ${path}`).not.toBe('');
    }
    expect(pack.locale).toBe(locale);
  });

  it('is translated, not copied from English', () => {
    const base = flatten(en);
    const same = Object.entries(flatten(pack)).filter(
      ([path, text]) =>
        text === base[path] && !/^(locale|dir)$/.test(path) && /[a-z]{3}/i.test(text),
    );
    expect(same).toEqual([]);
  });
});
