'use client';

import type { RouterOutputs } from '@cachefleet/api';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Notice } from '~/components/notice';
import { PageHeader } from '~/components/page-header';
import { formatDateTime } from '~/lib/format';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';
import { AlertingNav } from './alerting-nav';

type Alert = RouterOutputs['alerts']['list'][number];

function AlertRow(props: { alert: Alert; onSilence: (labels: Record<string, string>) => void }) {
  const { alert, onSilence } = props;
  return (
    <tr data-testid="alert-row">
      <td>
        <div className="cell-primary">{alert.alertname}</div>
        <div className="cell-secondary">{alert.annotations.summary ?? ''}</div>
      </td>
      <td>
        <span className={`badge badge-${alert.status === 'firing' ? 'down' : 'healthy'}`}>
          {alert.status}
        </span>
      </td>
      <td>{alert.severity}</td>
      <td>{alert.labels.node ?? '—'}</td>
      <td>{formatDateTime(alert.startsAt)}</td>
      <td>
        {alert.status === 'firing' ? (
          <button
            type="button"
            className="button button-small button-ghost"
            onClick={() => {
              onSilence({
                alertname: alert.alertname,
                ...(alert.labels.node ? { node: alert.labels.node } : {}),
              });
            }}
          >
            Silence 1 h
          </button>
        ) : null}
      </td>
    </tr>
  );
}

/** Alerts as Alertmanager reported them, newest first, refreshed every 5 s. */
export function AlertsView() {
  const trpc = useTRPC();
  const alerts = useQuery(trpc.alerts.list.queryOptions({}, { refetchInterval: 5_000 }));
  const silence = useMutation(trpc.alerts.silence.mutationOptions());
  return (
    <>
      <PageHeader
        title="Alerts"
        description="Firing and resolved alerts from Alertmanager."
        actions={<AlertingNav />}
      />
      {alerts.isError ? <Notice tone="error">{errorMessage(alerts.error)}</Notice> : null}
      {silence.isError ? <Notice tone="error">{errorMessage(silence.error)}</Notice> : null}
      {silence.isSuccess ? <Notice tone="success">Silenced for one hour.</Notice> : null}
      {alerts.data?.length === 0 ? <p className="loading">No alerts so far.</p> : null}
      {alerts.data && alerts.data.length > 0 ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Alert</th>
                <th>Status</th>
                <th>Severity</th>
                <th>Node</th>
                <th>Since</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {alerts.data.map((alert) => (
                <AlertRow
                  key={alert.id}
                  alert={alert}
                  onSilence={(labels) => {
                    silence.mutate({ labels, minutes: 60, comment: 'silenced from the console' });
                  }}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
