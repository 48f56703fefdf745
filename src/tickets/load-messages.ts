import type { Messages } from './messages/types';

/**
 * The message table for `locale`: one the app passed (`createKefu({ messages })`), else the
 * built-in table of its language, loaded on demand so each locale is its own small chunk.
 * Chinese variants get zh-CN; every other language English.
 */
export async function loadMessages(
  locale: string,
  own?: Messages | readonly Messages[],
): Promise<Messages> {
  const tables = own ? (Array.isArray(own) ? own : [own as Messages]) : [];
  const language = locale.split('-')[0]!.toLowerCase();
  const match =
    tables.find((t) => t.locale === locale) ??
    tables.find((t) => t.locale.split('-')[0]!.toLowerCase() === language);
  if (match) return match;
  if (language === 'zh') return (await import('./messages/zh-CN')).zhCN;
  return (await import('./messages/en')).en;
}
