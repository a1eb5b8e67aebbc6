// The console's /downloads/agent/<file> route for tests: files from a bundle dir, authorised the
// way apps/web authorises them (a usable enrollment token or an agent credential).
import { readFile } from 'node:fs/promises';
import type http from 'node:http';
import path from 'node:path';
import { authorizeAgentDownload } from '@cachefleet/api';
import type { Database } from '@cachefleet/db';

const prefix = '/downloads/agent/';
const fileName = /^(latest|[0-9A-Za-z][0-9A-Za-z.+-]{0,63}\.tgz(\.sha256)?)$/;

function bearer(header: string | undefined): string | undefined {
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}

/** Answers a download request and returns true, or returns false for any other path. */
export async function serveDownload(
  db: Database,
  bundleDir: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<boolean> {
  const url = req.url ?? '';
  if (!url.startsWith(prefix)) return false;
  const name = url.slice(prefix.length);
  const access = await authorizeAgentDownload(db, bearer(req.headers.authorization));
  if (!access.ok) {
    res.writeHead(401, { 'content-type': 'text/plain' }).end(`${access.message}\n`);
    return true;
  }
  const body = fileName.test(name)
    ? await readFile(path.join(bundleDir, name)).catch(() => undefined)
    : undefined;
  if (!body) res.writeHead(404, { 'content-type': 'text/plain' }).end(`no agent file ${name}\n`);
  else res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body);
  return true;
}
