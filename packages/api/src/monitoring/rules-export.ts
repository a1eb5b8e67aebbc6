import { createHash } from 'node:crypto';
import { listAlertRules, type Database } from '@cachefleet/db';
import { renderRulesFile } from './rules-file.js';
import { authorizeMonitoringToken } from './tokens.js';

/** What `GET /api/rules` answers: the rules file a remote Prometheus loads, or why not. */
export type RulesExport =
  { status: 401 } | { status: 304; etag: string } | { status: 200; etag: string; body: string };

/**
 * The rule set rendered from PostgreSQL, for a Prometheus that does not share the console's file
 * system. It takes the scrape token Prometheus already has; the ETag lets a sync job skip the
 * reload when nothing changed.
 */
export async function exportRules(
  db: Database,
  token: string | undefined,
  ifNoneMatch?: string | null,
): Promise<RulesExport> {
  if (!(await authorizeMonitoringToken(db, 'scrape', token))) return { status: 401 };
  const body = renderRulesFile(await listAlertRules(db));
  const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;
  if (ifNoneMatch === etag) return { status: 304, etag };
  return { status: 200, etag, body };
}
