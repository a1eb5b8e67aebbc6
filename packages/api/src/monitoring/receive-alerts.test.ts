import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertNotificationChannel, listAlerts } from '@cachefleet/db';
import { databaseKinds } from '@cachefleet/testing';
import { startHarness, type Harness } from '../../tests/harness.js';
import { verifySignature } from '../notify/signature.js';
import { receiveAlertmanagerWebhook } from './receive-alerts.js';

const alert = (status: 'firing' | 'resolved') => ({
  status,
  labels: { alertname: 'RedisDown', node: 'local-1', severity: 'critical' },
  annotations: { summary: 'Redis on local-1 is not answering' },
  startsAt: '2026-11-29T10:00:00.000Z',
  endsAt: status === 'resolved' ? '2026-11-29T10:05:00.000Z' : '0001-01-01T00:00:00Z',
  generatorURL: 'http://prometheus/graph',
  fingerprint: 'a1b2c3d4e5f60718',
});

const payload = (status: 'firing' | 'resolved') => ({
  version: '4',
  groupKey: '{}:{alertname="RedisDown"}',
  truncatedAlerts: 0,
  status,
  receiver: 'console',
  groupLabels: { alertname: 'RedisDown' },
  commonLabels: { alertname: 'RedisDown' },
  commonAnnotations: {},
  externalURL: 'http://alertmanager',
  alerts: [alert(status)],
});

describe.each(databaseKinds())('Alertmanager webhook on %s', (kind) => {
  let h: Harness;
  const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.end('ok');
    });
  });
  beforeAll(async () => {
    h = await startHarness(kind);
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    receiver.close();
    await h.stop();
  });

  it('rejects malformed payloads and stores nothing', async () => {
    const bad = [{}, { ...payload('firing'), version: '3' }, { ...payload('firing'), alerts: [] }];
    for (const body of bad) {
      expect((await receiveAlertmanagerWebhook(h.client.db, body, null)).ok).toBe(false);
    }
    expect(await listAlerts(h.client.db, { limit: 10 })).toEqual([]);
  });

  it('stores firing then resolved, and delivers a correctly signed webhook', async () => {
    const address = receiver.address();
    if (!address || typeof address === 'string') throw new Error('no receiver');
    const secret = 'cfs_whsec_test';
    await insertNotificationChannel(h.client.db, {
      name: 'receiver',
      kind: 'webhook',
      target: { url: `http://127.0.0.1:${address.port}/hook` },
      signingSecret: secret,
    });
    expect(await receiveAlertmanagerWebhook(h.client.db, payload('firing'), null)).toEqual({
      ok: true,
      stored: 1,
      channels: 1,
    });
    expect(await h.as.viewer.alerts.firingCount()).toEqual({ firing: 1 });
    await receiveAlertmanagerWebhook(h.client.db, payload('resolved'), null);
    const stored = await h.as.viewer.alerts.list({});
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ alertname: 'RedisDown', status: 'resolved' });
    expect(received).toHaveLength(2);
    for (const hit of received) {
      const signature = String(hit.headers['x-cachefleet-signature']);
      const timestamp = String(hit.headers['x-cachefleet-timestamp']);
      expect(verifySignature(secret, timestamp, hit.body, signature)).toBe(true);
      expect(verifySignature('wrong', timestamp, hit.body, signature)).toBe(false);
    }
    expect(JSON.parse(received[1]?.body ?? '{}')).toMatchObject({ status: 'resolved' });
  });
});
