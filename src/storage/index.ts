export { createMemoryStore } from './key-value-store';
export type { KeyValueStore } from './key-value-store';
export { createIndexedDbStore } from './indexeddb-store';
export type { ReopenableStore } from './indexeddb-store';
export { createResilientStore } from './resilient-store';
export type { ResilientStore, ResilientStoreOptions } from './resilient-store';
