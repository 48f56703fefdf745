export * from 'kefu/diagnostics';
import { isKefuError, type KefuErrorCode } from '../../src/errors';

/** True for a KefuError with this code and field. */
export function isKefuErrorLike(e: unknown, code: KefuErrorCode, field: string): boolean {
  return isKefuError(e, code) && e.field === field;
}
