import { buildStatements, type SourceMapping } from './statements.js';

/** Anything that runs a query: a pg.Pool, pg.Client or pool client. */
export interface Queryable {
  query(text: string): Promise<unknown>;
}

/**
 * Makes an existing table usable as a source: creates `<table>_cf_version_seq` when missing and
 * moves it past the table's highest version, so the next committed version is newer than every row
 * already there. Run it when a mapping is saved (the console does), not per request.
 */
export async function ensureVersionSequence(
  client: Queryable,
  mapping: SourceMapping,
): Promise<void> {
  for (const statement of buildStatements(mapping).sequence) await client.query(statement);
}
