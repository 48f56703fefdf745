import { createMemoryLearningStore } from '../../../src/relay';
import { describeLearningStore } from './learning-contract';

describeLearningStore('createMemoryLearningStore', (limits) => createMemoryLearningStore(limits));
