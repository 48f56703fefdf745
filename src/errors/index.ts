export { KefuError, isKefuError, KEFU_ERROR_CODES } from './kefu-error';
export type { KefuErrorCode, KefuErrorOptions } from './kefu-error';
export type { FieldProblem, SchemaIssue } from './format-issues';
