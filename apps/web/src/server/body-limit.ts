/** The largest request body the API accepts: tRPC calls are small JSON documents. */
export const maxBodyBytes = 1024 * 1024;

async function readUpTo(body: ReadableStream<Uint8Array>, limit: number) {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Returns the request with its body read into memory, or undefined when the body is larger than
 * `limit` — checked from Content-Length first and then while streaming, so an oversized or
 * dishonest upload is cut off before anything parses it.
 */
export async function withBodyLimit(req: Request, limit: number): Promise<Request | undefined> {
  if (!req.body) return req;
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > limit) return undefined;
  const bytes = await readUpTo(req.body, limit);
  if (!bytes) return undefined;
  return new Request(req.url, { method: req.method, headers: req.headers, body: bytes });
}
