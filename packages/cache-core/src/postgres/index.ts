export { PostgresSource, type PostgresSourceOptions } from './postgres-source.js';
export { quoteIdent } from './sql.js';
