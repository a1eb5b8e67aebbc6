import { authorizeMonitoringToken, receiveAlertmanagerWebhook } from '@cachefleet/api';
import { getEnv } from '~/env';
import { maxBodyBytes, withBodyLimit } from '~/server/body-limit';
import { getDb } from '~/server/db';
import { readBearerToken } from '~/server/request';

function refuse(status: number, message: string): Response {
  return Response.json({ error: { message } }, { status });
}

/**
 * Alertmanager's webhook receiver: `Authorization: Bearer cfw_…` (http_config.authorization),
 * a version 4 body; firing and resolved alerts are stored, then forwarded to the channels.
 */
export async function POST(request: Request): Promise<Response> {
  const db = getDb();
  if (!(await authorizeMonitoringToken(db, 'alert_webhook', readBearerToken(request)))) {
    return refuse(401, 'an alert webhook token is required (Authorization: Bearer cfw_…)');
  }
  const req = await withBodyLimit(request, maxBodyBytes);
  if (!req) return refuse(413, `request body larger than ${maxBodyBytes} bytes`);
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    return refuse(400, 'the body is not JSON');
  }
  const outcome = await receiveAlertmanagerWebhook(
    db,
    body,
    getEnv().CACHEFLEET_PUBLIC_URL ?? null,
  );
  if (!outcome.ok) return refuse(400, `not an Alertmanager webhook payload: ${outcome.problem}`);
  return Response.json(outcome);
}

export const dynamic = 'force-dynamic';
