import { appRouter, createContext, sessionCookieName } from '@cachefleet/api';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { getEnv } from '~/env';
import { readAgentRelease } from '~/server/agent-bundle';
import { maxBodyBytes, withBodyLimit } from '~/server/body-limit';
import { getDb } from '~/server/db';
import { getMonitoringConfig } from '~/server/monitoring';
import { isHttps, isSameOrigin, readBearerToken, readClientIp, readCookie } from '~/server/request';
import { createCookieJar } from '~/server/session-cookie';

function refuse(status: number, message: string): Response {
  return Response.json({ error: { message } }, { status });
}

async function handler(request: Request): Promise<Response> {
  const publicUrl = getEnv().CACHEFLEET_PUBLIC_URL;
  if (request.method === 'POST' && !isSameOrigin(request, publicUrl)) {
    return refuse(403, 'cross-origin request refused');
  }
  const req = await withBodyLimit(request, maxBodyBytes);
  if (!req) return refuse(413, `request body larger than ${maxBodyBytes} bytes`);
  const secure = isHttps(req) || publicUrl?.startsWith('https:') === true;
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: ({ resHeaders }) =>
      createContext({
        db: getDb(),
        sessionToken: readCookie(req, sessionCookieName),
        bearerToken: readBearerToken(req),
        cookies: createCookieJar(resHeaders, secure),
        clientIp: readClientIp(req),
        monitoring: getMonitoringConfig(),
        agentRelease: readAgentRelease,
        secretKey: getEnv().CACHEFLEET_SECRET_KEY,
      }),
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        console.error(`trpc ${path ?? '<no path>'} failed:`, error.cause ?? error);
      }
    },
  });
}

export { handler as GET, handler as POST };
