import { authorizeAgentDownload } from '@cachefleet/api';
import { isBundleFileName, readBundleFile } from '~/server/agent-bundle';
import { getDb } from '~/server/db';
import { readBearerToken } from '~/server/request';

function text(status: number, message: string): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

const contentType = (name: string) =>
  name.endsWith('.tgz') ? 'application/gzip' : 'text/plain; charset=utf-8';

/** `latest`, `<version>.tgz` and `<version>.tgz.sha256`, for enrollment tokens and agents only. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ file: string }> },
): Promise<Response> {
  const { file } = await params;
  if (!isBundleFileName(file)) return text(404, `error: no agent download named ${file}`);
  const access = await authorizeAgentDownload(getDb(), readBearerToken(request));
  if (!access.ok) return text(401, `error: ${access.message} (${access.code})`);
  const body = await readBundleFile(file);
  if (!body) return text(404, `error: this console has no agent download ${file}`);
  return new Response(new Uint8Array(body), {
    headers: { 'Content-Type': contentType(file), 'Cache-Control': 'no-store' },
  });
}

export const dynamic = 'force-dynamic';
