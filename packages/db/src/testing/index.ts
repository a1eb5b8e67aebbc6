// Helpers for the test suites of every package: a fresh database per suite, on PGlite and on the
// PostgreSQL server named by DATABASE_URL.
export { freePort } from './free-port.js';
export { startTestDatabase, databaseKinds, type TestDatabase } from './test-database.js';
