import { z } from 'zod';

export class AlertmanagerUnavailable extends Error {}

const silence = z.object({
  id: z.string(),
  status: z.object({ state: z.string() }),
  matchers: z.array(z.object({ name: z.string(), value: z.string(), isRegex: z.boolean() })),
  startsAt: z.string(),
  endsAt: z.string(),
  createdBy: z.string(),
  comment: z.string(),
});

export type Silence = z.output<typeof silence>;

async function call(url: string, init: RequestInit = {}): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      headers: { 'Content-Type': 'application/json' },
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AlertmanagerUnavailable(`Alertmanager is unreachable: ${reason}`);
  }
  const text = await response.text();
  if (!response.ok) throw new AlertmanagerUnavailable(`Alertmanager refused: ${text.trim()}`);
  return text ? (JSON.parse(text) as unknown) : null;
}

/** Creates a silence matching `labels` exactly (API v2); returns its id. */
export async function createSilence(
  baseUrl: string,
  input: { labels: Record<string, string>; minutes: number; createdBy: string; comment: string },
): Promise<string> {
  const now = Date.now();
  const body = {
    matchers: Object.entries(input.labels).map(([name, value]) => ({
      name,
      value,
      isRegex: false,
      isEqual: true,
    })),
    startsAt: new Date(now).toISOString(),
    endsAt: new Date(now + input.minutes * 60_000).toISOString(),
    createdBy: input.createdBy,
    comment: input.comment,
  };
  const answer = await call(`${baseUrl}/api/v2/silences`, {
    method: 'POST',
    body: JSON.stringify(body),
  });
  return z.object({ silenceID: z.string() }).parse(answer).silenceID;
}

export async function listSilences(baseUrl: string): Promise<Silence[]> {
  return z.array(silence).parse(await call(`${baseUrl}/api/v2/silences`));
}

export async function expireSilence(baseUrl: string, id: string): Promise<void> {
  await call(`${baseUrl}/api/v2/silence/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
