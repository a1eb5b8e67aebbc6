import { recordAlerts, type Database } from '@cachefleet/db';
import { fanOut } from '../notify/fan-out.js';
import { notificationFrom } from '../notify/notification.js';
import { alertmanagerPayload } from './alertmanager-payload.js';

export type WebhookOutcome =
  { ok: true; stored: number; channels: number } | { ok: false; problem: string };

/**
 * Handles one Alertmanager webhook body: validates it, stores every alert (firing or resolved)
 * in one transaction, then forwards the group to the notification channels. A body that fails
 * validation stores nothing.
 */
export async function receiveAlertmanagerWebhook(
  db: Database,
  body: unknown,
  consoleUrl: string | null,
): Promise<WebhookOutcome> {
  const parsed = alertmanagerPayload.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` };
  }
  const payload = parsed.data;
  await recordAlerts(
    db,
    payload.alerts.map((a) => ({
      fingerprint: a.fingerprint,
      alertname: a.labels.alertname ?? '',
      status: a.status,
      severity: a.labels.severity ?? 'warning',
      labels: a.labels,
      annotations: a.annotations,
      startsAt: new Date(a.startsAt),
      endsAt: a.status === 'resolved' ? new Date(a.endsAt) : null,
      generatorUrl: a.generatorURL,
      groupKey: payload.groupKey,
    })),
  );
  const channels = await fanOut(db, notificationFrom(payload, consoleUrl));
  return { ok: true, stored: payload.alerts.length, channels };
}
