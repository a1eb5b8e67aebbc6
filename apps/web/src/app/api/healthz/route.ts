/** Liveness for load balancers: the process serves requests (readiness lives in health.ping). */
export function GET(): Response {
  return Response.json({ ok: true }, { headers: { 'Cache-Control': 'no-store' } });
}

export const dynamic = 'force-dynamic';
