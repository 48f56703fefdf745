export type { AgentRecord, AgentStore, FailureRecord, SessionRecord } from './agent-store';
export {
  createConsoleAuth,
  type AgentSession,
  type AuditEntry,
  type ConsoleAuth,
  type ConsoleAuthOptions,
} from './console-auth';
export { createHostCheck, type HostCheck } from './host-check';
export { DEFAULT_LOCKOUT, type LockoutPolicy } from './lockout';
export { hashPassword, verifyPassword, MIN_PASSWORD_LENGTH } from './password';
export { createPostgresAgentStore } from './postgres-agent-store';
export { createSqliteAgentStore } from './sqlite-agent-store';
