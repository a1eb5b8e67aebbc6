import { exportRules } from '@cachefleet/api';
import { getDb } from '~/server/db';
import { readBearerToken } from '~/server/request';

/**
 * The alert rules file rendered from the console's database, for a Prometheus on another host
 * (a co-located one reads CACHEFLEET_RULES_FILE). Authenticated with the scrape token.
 */
export async function GET(request: Request): Promise<Response> {
  const result = await exportRules(
    getDb(),
    readBearerToken(request),
    request.headers.get('if-none-match'),
  );
  if (result.status === 401) {
    return Response.json(
      { error: { message: 'a scrape token is required (Authorization: Bearer cfp_…)' } },
      { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } },
    );
  }
  const headers = { ETag: result.etag, 'Cache-Control': 'no-store' };
  if (result.status === 304) return new Response(null, { status: 304, headers });
  return new Response(result.body, {
    headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' },
  });
}

export const dynamic = 'force-dynamic';
