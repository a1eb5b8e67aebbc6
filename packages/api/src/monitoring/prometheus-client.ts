import { z } from 'zod';

/** Prometheus could not be reached or refused the request; `reason` is safe to show. */
export class PrometheusUnavailable extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

const matrix = z.object({
  status: z.literal('success'),
  data: z.object({
    resultType: z.literal('matrix'),
    result: z.array(
      z.object({
        metric: z.record(z.string(), z.string()),
        values: z.array(z.tuple([z.number(), z.string()])),
      }),
    ),
  }),
});

export type RangeSeries = z.output<typeof matrix>['data']['result'][number];

export interface RangeWindow {
  /** Seconds since the epoch. */
  start: number;
  end: number;
  stepSeconds: number;
}

async function send(url: string, form: Record<string, string> | null, timeoutMs: number) {
  try {
    return await fetch(url, {
      method: form ? 'POST' : 'GET',
      ...(form ? { body: new URLSearchParams(form) } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new PrometheusUnavailable(
      `Prometheus at ${new URL(url).origin} is unreachable: ${cause}`,
    );
  }
}

function refusal(body: unknown, status: number): string {
  const error = z.object({ error: z.string() }).safeParse(body);
  return error.success ? error.data.error : `HTTP ${status}`;
}

const labelValuesAnswer = z.object({ status: z.literal('success'), data: z.array(z.string()) });

/** The values a label takes on the series `match` selects within the window (GET label values). */
export async function labelValues(
  baseUrl: string,
  label: string,
  match: string,
  window: Omit<RangeWindow, 'stepSeconds'>,
  timeoutMs = 10_000,
): Promise<string[]> {
  const params = new URLSearchParams({
    'match[]': match,
    start: String(window.start),
    end: String(window.end),
  });
  const response = await send(
    `${baseUrl}/api/v1/label/${label}/values?${params.toString()}`,
    null,
    timeoutMs,
  );
  const body: unknown = await response.json().catch(() => undefined);
  const parsed = labelValuesAnswer.safeParse(body);
  if (!response.ok || !parsed.success) {
    throw new PrometheusUnavailable(
      `Prometheus refused the query: ${refusal(body, response.status)}`,
    );
  }
  return parsed.data.data;
}

/** Runs one range query (POST /api/v1/query_range) and returns its series. */
export async function queryRange(
  baseUrl: string,
  query: string,
  window: RangeWindow,
  timeoutMs = 10_000,
): Promise<RangeSeries[]> {
  const response = await send(
    `${baseUrl}/api/v1/query_range`,
    {
      query,
      start: String(window.start),
      end: String(window.end),
      step: `${window.stepSeconds}s`,
    },
    timeoutMs,
  );
  const body: unknown = await response.json().catch(() => undefined);
  const parsed = matrix.safeParse(body);
  if (!response.ok || !parsed.success) {
    throw new PrometheusUnavailable(
      `Prometheus refused the query: ${refusal(body, response.status)}`,
    );
  }
  return parsed.data.data.result;
}

/** Asks Prometheus to re-read its configuration and rules (needs --web.enable-lifecycle). */
export async function reloadPrometheus(baseUrl: string, timeoutMs = 10_000): Promise<void> {
  const response = await send(`${baseUrl}/-/reload`, {}, timeoutMs);
  if (!response.ok) {
    throw new PrometheusUnavailable(
      `Prometheus refused to reload: HTTP ${response.status} ${(await response.text()).trim()}`,
    );
  }
}
