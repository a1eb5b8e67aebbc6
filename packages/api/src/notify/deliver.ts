import type { NotificationChannel } from '@cachefleet/db';
import nodemailer from 'nodemailer';
import { textOf, type Notification } from './notification.js';
import { signBody, signatureHeader, timestampHeader } from './signature.js';

const timeoutMs = 10_000;

async function post(url: string, body: string, headers: Record<string, string>): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/json', ...headers },
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status} from ${new URL(url).host}`);
}

async function sendEmail(channel: NotificationChannel, n: Notification): Promise<void> {
  const { smtpUrl, from, to } = channel.target;
  if (!smtpUrl || !from || !to?.length) throw new Error('email channel lacks smtpUrl, from or to');
  const transport = nodemailer.createTransport(smtpUrl);
  try {
    await transport.sendMail({ from, to, subject: n.title, text: textOf(n) });
  } finally {
    transport.close();
  }
}

/** Sends one notification through one channel; throws with a short reason on failure. */
export async function deliver(channel: NotificationChannel, n: Notification): Promise<void> {
  const url = channel.target.url ?? '';
  if (channel.kind === 'email') return sendEmail(channel, n);
  if (channel.kind === 'slack') return post(url, JSON.stringify({ text: textOf(n) }), {});
  const body = JSON.stringify({ version: 1, ...n });
  const timestamp = String(Math.floor(Date.now() / 1000));
  return post(url, body, {
    [timestampHeader]: timestamp,
    ...(channel.signingSecret
      ? { [signatureHeader]: signBody(channel.signingSecret, timestamp, body) }
      : {}),
  });
}
