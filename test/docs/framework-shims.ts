// Declarations of the few framework APIs the guides' snippets use, written from each framework's
// public typings for the versions the guides name (React 18/19, Vue 3.3–3.5, Next.js 14/15,
// Hono 4, Express 4/5). kefu depends on none of them and they are not installed: these let tsc
// check that the guides call kefu correctly from inside them. Paths are under node_modules/.

const pkg = (name: string) => JSON.stringify({ name, version: '0.0.0-shim', types: 'index.d.ts' });

/** File path under node_modules → its text. */
export const FRAMEWORK_SHIMS: Record<string, string> = {
  'react/package.json': pkg('react'),
  'react/index.d.ts': `
export interface ReactElement { type: unknown; props: unknown; key: string | null }
export type ReactNode = ReactElement | string | number | bigint | boolean | null | undefined | Iterable<ReactNode>;
type SetState<S> = (value: S | ((previous: S) => S)) => void;
export function useState<S>(initial: S | (() => S)): [S, SetState<S>];
export function useState<S = undefined>(): [S | undefined, SetState<S | undefined>];
export function useEffect(effect: () => void | (() => void), deps?: readonly unknown[]): void;
`,
  'react/jsx-runtime.d.ts': `
import type { ReactElement } from './index';
export namespace JSX {
  interface Element extends ReactElement {}
  interface ElementChildrenAttribute { children: {} }
  interface IntrinsicAttributes { key?: string | number | null }
  // Element props are loose here: the guides are checked for how they call kefu.
  interface IntrinsicElements { [name: string]: Record<string, unknown> & { onClick?: (event: MouseEvent) => void; onSubmit?: (event: SubmitEvent) => void; onChange?: (event: Event & { currentTarget: HTMLTextAreaElement }) => void } }
}
export function jsx(type: unknown, props: unknown, key?: unknown): JSX.Element;
export function jsxs(type: unknown, props: unknown, key?: unknown): JSX.Element;
export const Fragment: unique symbol;
`,
  'next/package.json': pkg('next'),
  'next/index.d.ts': 'export {};',
  'next/navigation.d.ts': 'export function usePathname(): string;',
  'vue/package.json': pkg('vue'),
  'vue/index.d.ts': `
export interface Ref<T> { value: T }
export interface ShallowRef<T> { value: T }
export interface ComputedRef<T> { readonly value: T }
export function ref<T>(value: T): Ref<T>;
export function shallowRef<T>(): ShallowRef<T | undefined>;
export function shallowRef<T>(value: T): ShallowRef<T>;
export function computed<T>(getter: () => T): ComputedRef<T>;
export function watch<T>(source: Ref<T> | ComputedRef<T> | (() => T), callback: (value: T, old: T) => void): () => void;
export function onMounted(hook: () => void): void;
export function onBeforeUnmount(hook: () => void): void;
declare global {
  /** The <script setup> compiler macro. */
  function defineProps<T>(): Readonly<T>;
}
`,
  'hono/package.json': pkg('hono'),
  'hono/index.d.ts': `
export interface Context { req: { raw: Request; url: string; method: string } }
export class Hono {
  all(path: string, handler: (c: Context) => Response | Promise<Response>): this;
  fetch: (request: Request) => Response | Promise<Response>;
}
`,
  'express/package.json': pkg('express'),
  'express/index.d.ts': `
import type { IncomingMessage, ServerResponse } from 'node:http';
declare namespace e {
  interface Request extends IncomingMessage { originalUrl: string; url: string }
  interface Response extends ServerResponse {}
  type NextFunction = (error?: unknown) => void;
  type Handler = (req: Request, res: Response, next: NextFunction) => void;
  interface Express {
    use(path: string, handler: Handler): this;
    listen(port: number, callback?: () => void): import('node:http').Server;
  }
}
declare function e(): e.Express;
export = e;
`,
};
