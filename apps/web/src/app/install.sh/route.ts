import { getEnv } from '~/env';
import { readBundleFile } from '~/server/agent-bundle';

/** The agent installer, with this console's URL as its default `--url`. */
export async function GET(request: Request): Promise<Response> {
  const script = await readBundleFile('install.sh');
  if (!script) {
    return new Response(
      'echo "error: this console has no agent bundle; build it first" >&2\nexit 1\n',
      {
        status: 404,
        headers: { 'Content-Type': 'text/x-shellscript; charset=utf-8' },
      },
    );
  }
  const origin = getEnv().CACHEFLEET_PUBLIC_URL ?? new URL(request.url).origin;
  const body = script.toString('utf8').replace("'__CACHEFLEET_CONSOLE_URL__'", `'${origin}'`);
  return new Response(body, {
    headers: { 'Content-Type': 'text/x-shellscript; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

export const dynamic = 'force-dynamic';
