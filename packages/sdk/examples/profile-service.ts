// A small HTTP service that keeps user profiles in a cachefleet namespace through the SDK:
//   GET    /profiles/:id   → the profile (read-through from the namespace's PostgreSQL table)
//   PUT    /profiles/:id   → store a profile (JSON body; committed to PostgreSQL before answering)
//   DELETE /profiles/:id   → delete it from every tier and the table
// Run it against `npm start` (see the SDK section of the README):
//   CACHEFLEET_API_KEY=cfk_… CACHEFLEET_NAMESPACE=profiles npm run example -w @cachefleet/sdk
import http from 'node:http';
import {
  CachefleetError,
  createCachefleetClient,
  InvalidRequestError,
  UnavailableError,
  type NamespaceMode,
} from '@cachefleet/sdk';

/** The values of the namespace, typed: every read and write of the handle is checked against it. */
interface Profile {
  name: string;
  email: string;
  plan: 'free' | 'pro';
}

function isProfile(value: unknown): value is Profile {
  if (typeof value !== 'object' || value === null) return false;
  const { name, email, plan } = value as Record<string, unknown>;
  return (
    typeof name === 'string' && typeof email === 'string' && (plan === 'free' || plan === 'pro')
  );
}

const env = process.env;
const apiKey = env.CACHEFLEET_API_KEY ?? '';
if (!apiKey.startsWith('cfk_')) throw new Error('set CACHEFLEET_API_KEY to a cfk_… key');
const mode: NamespaceMode = env.CACHEFLEET_MODE === 'gateway' ? 'gateway' : 'direct';
const client = createCachefleetClient({
  url: env.CACHEFLEET_URL ?? 'http://127.0.0.1:3000',
  apiKey,
});
const profiles = client.namespace<Profile>(env.CACHEFLEET_NAMESPACE ?? 'profiles', { mode });

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}

/** The answer to one request: an HTTP status and a JSON body. */
async function route(req: http.IncomingMessage): Promise<[number, unknown]> {
  const match = /^\/profiles\/([^/]+)$/.exec(req.url ?? '');
  const id = match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
  if (id === undefined) return [404, { error: 'try /profiles/:id' }];
  if (req.method === 'GET') {
    const profile = await profiles.get(id);
    return profile === undefined ? [404, { error: 'no such profile' }] : [200, profile];
  }
  if (req.method === 'PUT') {
    const body = await readJson(req);
    if (!isProfile(body)) return [400, { error: 'expected { name, email, plan }' }];
    await profiles.set(id, body, { tags: [`plan:${body.plan}`] });
    return [200, body];
  }
  if (req.method === 'DELETE') {
    await profiles.delete(id);
    return [200, { deleted: id }];
  }
  return [405, { error: 'GET, PUT or DELETE' }];
}

/** SDK errors are classes with a stable code: the request's fault (400), retry later (503), or ours. */
function failure(error: unknown): [number, unknown] {
  if (error instanceof CachefleetError) {
    const status =
      error instanceof InvalidRequestError ? 400 : error instanceof UnavailableError ? 503 : 500;
    return [status, { error: error.code, message: error.message }];
  }
  if (error instanceof SyntaxError) return [400, { error: 'body is not JSON' }];
  return [500, { error: String(error) }];
}

const server = http.createServer((req, res) => {
  void route(req)
    .catch(failure)
    .then(([status, body]) => {
      send(res, status, body);
    });
});

const port = Number(env.PORT ?? 4000);
await profiles.ready();
server.listen(port, '127.0.0.1', () => {
  console.log(`profile service on http://127.0.0.1:${port}/profiles/:id (${mode} mode)`);
});
process.on('SIGINT', () => {
  server.close();
  void client.close().then(() => process.exit(0));
});
