export { KefuError } from './kefu-error';
export { isKefuError, KEFU_ERROR_CODES } from './codes';
export type { KefuErrorOptions } from './kefu-error';
export type { KefuErrorCode } from './codes';
export type { FieldProblem, SchemaIssue } from './format-issues';
