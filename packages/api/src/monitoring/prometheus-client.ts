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

async function post(url: string, form: Record<string, string>, timeoutMs: number) {
  try {
    return await fetch(url, {
      method: 'POST',
      body: new URLSearchParams(form),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new PrometheusUnavailable(
      `Prometheus at ${new URL(url).origin} is unreachable: ${cause}`,
    );
  }
}

/** Runs one range query (POST /api/v1/query_range) and returns its series. */
export async function queryRange(
  baseUrl: string,
  query: string,
  window: RangeWindow,
  timeoutMs = 10_000,
): Promise<RangeSeries[]> {
  const response = await post(
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
    const error = z.object({ error: z.string() }).safeParse(body);
    const detail = error.success ? error.data.error : `HTTP ${response.status}`;
    throw new PrometheusUnavailable(`Prometheus refused the query: ${detail}`);
  }
  return parsed.data.data.result;
}

/** Asks Prometheus to re-read its configuration and rules (needs --web.enable-lifecycle). */
export async function reloadPrometheus(baseUrl: string, timeoutMs = 10_000): Promise<void> {
  const response = await post(`${baseUrl}/-/reload`, {}, timeoutMs);
  if (!response.ok) {
    throw new PrometheusUnavailable(
      `Prometheus refused to reload: HTTP ${response.status} ${(await response.text()).trim()}`,
    );
  }
}
