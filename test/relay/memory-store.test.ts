// @vitest-environment node
import { createMemoryRelayStore } from '../../src/relay';
import { describeRelayStore } from './store-contract';

describeRelayStore('createMemoryRelayStore', createMemoryRelayStore);
