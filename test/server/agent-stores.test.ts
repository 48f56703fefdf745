import Database from 'better-sqlite3';
import pg from 'pg';
import {
  createPostgresAgentStore,
  createSqliteAgentStore,
} from '../../examples/server/console-auth';
import { type TestPostgres, usePostgres } from '../helpers/postgres';
import { describeAgentStore } from './agent-store-contract';

let server: TestPostgres;
const keep = usePostgres((c) => (server = c));

describeAgentStore('the console agent store on SQLite', async () =>
  createSqliteAgentStore(new Database(':memory:')),
);
describeAgentStore('the console agent store on PostgreSQL', async () =>
  createPostgresAgentStore(keep(new pg.Pool(await server.createDatabase()))),
);
