export { PostgresSource, type PostgresSourceOptions } from './postgres-source.js';
export type { SourceMapping } from './statements.js';
export { ensureVersionSequence, type Queryable } from './version-sequence.js';
export { quoteIdent } from './sql.js';
