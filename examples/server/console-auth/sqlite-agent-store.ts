import type Database from 'better-sqlite3';
import {
  type AgentRow,
  type AgentStore,
  type FailureRecord,
  type SessionRecord,
  toAgent,
} from './agent-store';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS kefu_agents (
  id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  password_hash TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS kefu_agent_sessions (
  token_hash TEXT PRIMARY KEY, agent_id TEXT NOT NULL, csrf TEXT NOT NULL,
  expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS kefu_agent_invites (token_hash TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS kefu_login_failures (
  key TEXT PRIMARY KEY, count INTEGER NOT NULL, first_at INTEGER NOT NULL,
  locked_until INTEGER NOT NULL);
`;

/** The console's {@link AgentStore} in the server's SQLite database (tables made on first use). */
export function createSqliteAgentStore(db: Database.Database): AgentStore {
  db.exec(SCHEMA);
  const q = {
    count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM kefu_agents'),
    insert: db.prepare(
      'INSERT INTO kefu_agents (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    byEmail: db.prepare<[string], AgentRow>('SELECT * FROM kefu_agents WHERE email = ?'),
    byId: db.prepare<[string], AgentRow>('SELECT * FROM kefu_agents WHERE id = ?'),
    addSession: db.prepare(
      'INSERT INTO kefu_agent_sessions (token_hash, agent_id, csrf, expires_at) VALUES (?, ?, ?, ?)',
    ),
    session: db.prepare<
      [string, number],
      { token_hash: string; agent_id: string; csrf: string; expires_at: number }
    >('SELECT * FROM kefu_agent_sessions WHERE token_hash = ? AND expires_at > ?'),
    dropSession: db.prepare('DELETE FROM kefu_agent_sessions WHERE token_hash = ?'),
    addInvite: db.prepare('INSERT INTO kefu_agent_invites (token_hash, expires_at) VALUES (?, ?)'),
    invite: db.prepare<[string, number], { n: number }>(
      'SELECT count(*) AS n FROM kefu_agent_invites WHERE token_hash = ? AND expires_at > ?',
    ),
    takeInvite: db.prepare(
      'DELETE FROM kefu_agent_invites WHERE token_hash = ? AND expires_at > ?',
    ),
    failures: db.prepare<[string], { count: number; first_at: number; locked_until: number }>(
      'SELECT count, first_at, locked_until FROM kefu_login_failures WHERE key = ?',
    ),
    putFailures: db.prepare(
      'INSERT INTO kefu_login_failures (key, count, first_at, locked_until) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET count = excluded.count, first_at = excluded.first_at, locked_until = excluded.locked_until',
    ),
    clearFailures: db.prepare('DELETE FROM kefu_login_failures WHERE key = ?'),
    pruneSessions: db.prepare('DELETE FROM kefu_agent_sessions WHERE expires_at <= ?'),
    pruneInvites: db.prepare('DELETE FROM kefu_agent_invites WHERE expires_at <= ?'),
    pruneFailures: db.prepare(
      'DELETE FROM kefu_login_failures WHERE first_at < ? AND locked_until <= ?',
    ),
  };
  return {
    countAgents: async () => q.count.get()!.n,
    createAgent: async (a) =>
      q.insert.run(a.id, a.email, a.name, a.passwordHash, a.createdAt).changes === 1,
    findAgentByEmail: async (email) => toAgent(q.byEmail.get(email)),
    findAgentById: async (id) => toAgent(q.byId.get(id)),
    createSession: async (s: SessionRecord) => {
      q.addSession.run(s.tokenHash, s.agentId, s.csrf, s.expiresAt);
    },
    findSession: async (tokenHash, now) => {
      const row = q.session.get(tokenHash, now);
      return (
        row && {
          tokenHash: row.token_hash,
          agentId: row.agent_id,
          csrf: row.csrf,
          expiresAt: row.expires_at,
        }
      );
    },
    deleteSession: async (tokenHash) => {
      q.dropSession.run(tokenHash);
    },
    createInvite: async (tokenHash, expiresAt) => {
      q.addInvite.run(tokenHash, expiresAt);
    },
    hasInvite: async (tokenHash, now) => q.invite.get(tokenHash, now)!.n === 1,
    takeInvite: async (tokenHash, now) => q.takeInvite.run(tokenHash, now).changes === 1,
    getFailures: async (key) => {
      const row = q.failures.get(key);
      return row && { count: row.count, firstAt: row.first_at, lockedUntil: row.locked_until };
    },
    putFailures: async (key, r: FailureRecord) => {
      q.putFailures.run(key, r.count, r.firstAt, r.lockedUntil);
    },
    clearFailures: async (key) => {
      q.clearFailures.run(key);
    },
    prune: async (now, before) => {
      q.pruneSessions.run(now);
      q.pruneInvites.run(now);
      q.pruneFailures.run(before, now);
    },
  };
}
