export { createDbClient, type Database, type DbClient, type DbClientOptions } from './client.js';
export { migrateDatabase, migrationsFolder } from './migrate.js';
export * from './schema/index.js';
export * from './queries/users.js';
export * from './queries/sessions.js';
export * from './queries/enrollment-tokens.js';
export * from './queries/agents.js';
export * from './queries/audit.js';
