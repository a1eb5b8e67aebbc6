import type { AlertmanagerPayload } from '../monitoring/alertmanager-payload.js';

/** What every channel receives for one Alertmanager group notification (or a test). */
export interface Notification {
  status: 'firing' | 'resolved';
  title: string;
  groupKey: string;
  consoleUrl: string | null;
  alerts: {
    alertname: string;
    status: 'firing' | 'resolved';
    severity: string;
    node: string | null;
    summary: string;
    labels: Record<string, string>;
    startsAt: string;
    endsAt: string | null;
  }[];
}

export function notificationFrom(
  payload: AlertmanagerPayload,
  consoleUrl: string | null,
): Notification {
  const firing = payload.alerts.filter((a) => a.status === 'firing').length;
  const name = payload.commonLabels.alertname ?? payload.groupLabels.alertname ?? 'alerts';
  return {
    status: payload.status,
    title: `[${payload.status.toUpperCase()}${firing ? `:${firing}` : ''}] ${name}`,
    groupKey: payload.groupKey,
    consoleUrl,
    alerts: payload.alerts.map((a) => ({
      alertname: a.labels.alertname ?? '',
      status: a.status,
      severity: a.labels.severity ?? 'warning',
      node: a.labels.node ?? null,
      summary: a.annotations.summary ?? '',
      labels: a.labels,
      startsAt: a.startsAt,
      endsAt: a.status === 'resolved' ? a.endsAt : null,
    })),
  };
}

export function textOf(n: Notification): string {
  const lines = n.alerts.map(
    (a) =>
      `• ${a.status === 'resolved' ? 'RESOLVED ' : ''}${a.alertname}${a.node ? ` on ${a.node}` : ''}: ${a.summary}`,
  );
  return [n.title, ...lines, ...(n.consoleUrl ? [`${n.consoleUrl}/alerts`] : [])].join('\n');
}
