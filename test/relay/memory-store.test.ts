// @vitest-environment node
import { createMemoryRelayStore } from '../../src/relay';
import { describeConversationStore } from './conversation-store-contract';
import { describeRelayStore } from './store-contract';

describeRelayStore('createMemoryRelayStore', createMemoryRelayStore);

describeConversationStore('createMemoryRelayStore', createMemoryRelayStore);
