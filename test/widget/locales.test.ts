import { describe, expect, it } from 'vitest';
import type { WidgetLocale } from '../../src/widget/locale';
import { loadMessagePart, loadWidgetMessages } from '../../src/widget/locales/load';
import { MESSAGE_PARTS, type MessagePart } from '../../src/widget/locales/types';

// A whole pack: the core words and every view's part, as the panel has them once all are loaded.
async function whole(locale: WidgetLocale) {
  const parts = Object.keys(MESSAGE_PARTS) as MessagePart[];
  const loaded = await Promise.all(parts.map((part) => loadMessagePart(locale, part)));
  return Object.assign({}, await loadWidgetMessages(locale), ...loaded) as Record<string, unknown>;
}
const en = await whole('en');

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
  ['zh-CN', await whole('zh-CN')],
  ['zh-TW', await whole('zh-TW')],
  ['ja', await whole('ja')],
  ['ko', await whole('ko')],
])('the %s pack', (locale, pack) => {
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

describe('the packs split by view', () => {
  it("hold each of a language's words in exactly one file: the core or one view's part", async () => {
    for (const locale of ['zh-CN', 'zh-TW', 'en', 'ja', 'ko'] as const) {
      const keys = [
        ...Object.keys(await loadWidgetMessages(locale)),
        ...(
          await Promise.all(
            (Object.keys(MESSAGE_PARTS) as MessagePart[]).map(async (part) => {
              const words = Object.keys(await loadMessagePart(locale, part));
              expect(words, `${locale} ${part}`).toEqual([...MESSAGE_PARTS[part]]);
              return words;
            }),
          )
        ).flat(),
      ];
      expect(new Set(keys).size, locale).toBe(keys.length);
      expect(keys.sort(), locale).toEqual(Object.keys(en).sort());
    }
  });

  it("keep the views' words out of the core pack the panel opens with", async () => {
    const core = await loadWidgetMessages('zh-CN');
    for (const part of Object.values(MESSAGE_PARTS).flat()) expect(core).not.toHaveProperty(part);
    expect(core.search.label).toBe('搜索帮助文章');
  });
});
