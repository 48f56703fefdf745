import { KefuError } from '../errors/kefu-error';
import type { PageContext } from './types';

/**
 * Checks what `setPage` was given, so that a wrong shape fails where the app wrote it rather than
 * as missing suggestions later. Returns the page as given, or `undefined`.
 */
export function checkPage(page: PageContext | undefined): PageContext | undefined {
  if (page === undefined) return undefined;
  const { tags, category } = (page ?? {}) as PageContext;
  if (
    typeof page !== 'object' ||
    page === null ||
    (tags !== undefined && !(Array.isArray(tags) && tags.every((t) => typeof t === 'string'))) ||
    (category !== undefined && typeof category !== 'string')
  ) {
    throw new KefuError(
      'invalid_input',
      'setPage takes { tags?: string[], category?: string } or undefined',
      { field: 'page' },
    );
  }
  return page;
}

/** Rethrows an app callback's error outside kefu's own call, so it shows in the console. */
export function reportLater(error: unknown): void {
  setTimeout(() => {
    throw error;
  });
}
