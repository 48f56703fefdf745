/** An agent who may sign in to the console. */
export interface AgentRecord {
  id: string;
  /** Lower-case; the sign-in name. */
  email: string;
  name: string;
  /** `scrypt$…` from hashPassword; never leaves the server. */
  passwordHash: string;
  createdAt: string;
}

/** An agent as both SQL stores keep it (snake_case columns). */
export interface AgentRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  created_at: string;
}

/** An {@link AgentRow} read from either store as the record the console uses. */
export const toAgent = (row: AgentRow | undefined): AgentRecord | undefined =>
  row && {
    id: row.id,
    email: row.email,
    name: row.name,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
  };

/** A signed-in browser: only the SHA-256 of its cookie token is stored. */
export interface SessionRecord {
  tokenHash: string;
  agentId: string;
  /** The CSRF token every form of this session carries. */
  csrf: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** Failed sign-ins counted for one key (`email:…` or `ip:…`). */
export interface FailureRecord {
  count: number;
  /** Epoch milliseconds of the first failure of the current window. */
  firstAt: number;
  /** Epoch milliseconds until which sign-in is refused; 0 when not locked. */
  lockedUntil: number;
}

/**
 * Where the console keeps agents, sessions, one-time sign-in links and failed sign-ins: SQLite
 * for one server, PostgreSQL for many behind one load balancer (a session made on one instance
 * works on every other, and a lockout holds across them).
 */
export interface AgentStore {
  countAgents(): Promise<number>;
  /** Adds an agent; false when the email is taken. */
  createAgent(agent: AgentRecord): Promise<boolean>;
  findAgentByEmail(email: string): Promise<AgentRecord | undefined>;
  findAgentById(id: string): Promise<AgentRecord | undefined>;
  createSession(session: SessionRecord): Promise<void>;
  /** The session of a token hash, unless it expired before `now`. */
  findSession(tokenHash: string, now: number): Promise<SessionRecord | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Records a one-time sign-in link (its token's SHA-256). */
  createInvite(tokenHash: string, expiresAt: number): Promise<void>;
  /** True when the link is valid at `now` (it stays valid: a link preview must not use it up). */
  hasInvite(tokenHash: string, now: number): Promise<boolean>;
  /** Uses up a link: true for exactly one caller while it is valid. */
  takeInvite(tokenHash: string, now: number): Promise<boolean>;
  getFailures(key: string): Promise<FailureRecord | undefined>;
  putFailures(key: string, record: FailureRecord): Promise<void>;
  clearFailures(key: string): Promise<void>;
  /** Deletes expired sessions and links, and failure counts older than `before`. */
  prune(now: number, before: number): Promise<void>;
}
