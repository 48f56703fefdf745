// The public face under test, plus a realm-safe error check.
export * from 'kefu/faq';
export { isKefuError as isKefuErrorLike } from '../../src/errors';
