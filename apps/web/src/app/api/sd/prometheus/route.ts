import { authorizeMonitoringToken, prometheusTargets } from '@cachefleet/api';
import { getDb } from '~/server/db';
import { readBearerToken } from '~/server/request';

/**
 * Prometheus HTTP service discovery: every agent's /metrics target with node, agent_id and
 * cluster labels. Prometheus sends the scrape token as `Authorization: Bearer cfp_…`.
 */
export async function GET(request: Request): Promise<Response> {
  const db = getDb();
  if (!(await authorizeMonitoringToken(db, 'scrape', readBearerToken(request)))) {
    return Response.json(
      { error: { message: 'a scrape token is required (Authorization: Bearer cfp_…)' } },
      { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } },
    );
  }
  return Response.json(await prometheusTargets(db), { headers: { 'Cache-Control': 'no-store' } });
}

export const dynamic = 'force-dynamic';
