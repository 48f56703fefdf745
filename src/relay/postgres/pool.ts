/** What a query answers: the subset of `pg`'s `QueryResult` the stores read. */
export interface PgResult<Row> {
  rows: Row[];
  rowCount: number | null;
}

/** A connection checked out of a pool: `pg.PoolClient` fits. */
export interface PgClientLike {
  query<Row = Record<string, unknown>>(text: string, values?: unknown[]): Promise<PgResult<Row>>;
  release(error?: Error | boolean): void;
}

/**
 * The part of a `pg.Pool` the PostgreSQL store uses. Structural, so the relay imports no driver:
 * the app brings its own `pg` (or a compatible client) with its own TLS and pool settings.
 */
export interface PgPoolLike {
  query<Row = Record<string, unknown>>(text: string, values?: unknown[]): Promise<PgResult<Row>>;
  connect(): Promise<PgClientLike>;
}

/**
 * Runs `work` in one transaction on one connection: committed when it returns, rolled back when it
 * throws. A connection whose rollback also failed is released as broken so the pool drops it.
 */
export async function inTransaction<T>(
  pool: PgPoolLike,
  work: (client: PgClientLike) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
