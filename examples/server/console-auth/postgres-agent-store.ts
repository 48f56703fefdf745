import type pg from 'pg';
import { type AgentRow, type AgentStore, toAgent } from './agent-store';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS kefu_agents (
  id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  password_hash TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS kefu_agent_sessions (
  token_hash TEXT PRIMARY KEY, agent_id TEXT NOT NULL, csrf TEXT NOT NULL,
  expires_at BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS kefu_agent_invites (token_hash TEXT PRIMARY KEY, expires_at BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS kefu_login_failures (
  key TEXT PRIMARY KEY, count INTEGER NOT NULL, first_at BIGINT NOT NULL,
  locked_until BIGINT NOT NULL);
`;

/**
 * The console's {@link AgentStore} on PostgreSQL, shared by every instance on the database: a
 * session or a lockout made on one instance holds on all. Tables are made on first use.
 */
export async function createPostgresAgentStore(pool: pg.Pool): Promise<AgentStore> {
  // Serialised: concurrent CREATE TABLE IF NOT EXISTS from two instances can race in the catalog.
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(7354001)');
    await client.query(SCHEMA);
  } finally {
    await client.query('SELECT pg_advisory_unlock(7354001)').catch(() => undefined);
    client.release();
  }
  const one = async <T extends pg.QueryResultRow>(sql: string, values: unknown[]) =>
    (await pool.query<T>(sql, values)).rows[0];
  return {
    countAgents: async () =>
      Number((await one<{ n: string }>('SELECT count(*) AS n FROM kefu_agents', []))!.n),
    createAgent: async (a) =>
      (
        await pool.query(
          'INSERT INTO kefu_agents (id, email, name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
          [a.id, a.email, a.name, a.passwordHash, a.createdAt],
        )
      ).rowCount === 1,
    findAgentByEmail: async (email) =>
      toAgent(await one<AgentRow>('SELECT * FROM kefu_agents WHERE email = $1', [email])),
    findAgentById: async (id) =>
      toAgent(await one<AgentRow>('SELECT * FROM kefu_agents WHERE id = $1', [id])),
    createSession: async (s) => {
      await pool.query(
        'INSERT INTO kefu_agent_sessions (token_hash, agent_id, csrf, expires_at) VALUES ($1, $2, $3, $4)',
        [s.tokenHash, s.agentId, s.csrf, s.expiresAt],
      );
    },
    findSession: async (tokenHash, now) => {
      const row = await one<{ agent_id: string; csrf: string; expires_at: string }>(
        'SELECT agent_id, csrf, expires_at FROM kefu_agent_sessions WHERE token_hash = $1 AND expires_at > $2',
        [tokenHash, now],
      );
      return (
        row && {
          tokenHash,
          agentId: row.agent_id,
          csrf: row.csrf,
          expiresAt: Number(row.expires_at),
        }
      );
    },
    deleteSession: async (tokenHash) => {
      await pool.query('DELETE FROM kefu_agent_sessions WHERE token_hash = $1', [tokenHash]);
    },
    createInvite: async (tokenHash, expiresAt) => {
      await pool.query('INSERT INTO kefu_agent_invites (token_hash, expires_at) VALUES ($1, $2)', [
        tokenHash,
        expiresAt,
      ]);
    },
    hasInvite: async (tokenHash, now) =>
      (
        await pool.query(
          'SELECT 1 FROM kefu_agent_invites WHERE token_hash = $1 AND expires_at > $2',
          [tokenHash, now],
        )
      ).rowCount === 1,
    takeInvite: async (tokenHash, now) =>
      (
        await pool.query(
          'DELETE FROM kefu_agent_invites WHERE token_hash = $1 AND expires_at > $2',
          [tokenHash, now],
        )
      ).rowCount === 1,
    getFailures: async (key) => {
      const row = await one<{ count: number; first_at: string; locked_until: string }>(
        'SELECT count, first_at, locked_until FROM kefu_login_failures WHERE key = $1',
        [key],
      );
      return (
        row && {
          count: row.count,
          firstAt: Number(row.first_at),
          lockedUntil: Number(row.locked_until),
        }
      );
    },
    putFailures: async (key, r) => {
      await pool.query(
        `INSERT INTO kefu_login_failures (key, count, first_at, locked_until) VALUES ($1, $2, $3, $4)
         ON CONFLICT (key) DO UPDATE SET count = excluded.count, first_at = excluded.first_at,
         locked_until = excluded.locked_until`,
        [key, r.count, r.firstAt, r.lockedUntil],
      );
    },
    clearFailures: async (key) => {
      await pool.query('DELETE FROM kefu_login_failures WHERE key = $1', [key]);
    },
    prune: async (now, before) => {
      await pool.query('DELETE FROM kefu_agent_sessions WHERE expires_at <= $1', [now]);
      await pool.query('DELETE FROM kefu_agent_invites WHERE expires_at <= $1', [now]);
      await pool.query(
        'DELETE FROM kefu_login_failures WHERE first_at < $1 AND locked_until <= $2',
        [before, now],
      );
    },
  };
}
