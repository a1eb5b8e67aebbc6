// Request bodies: refused by size before they are buffered (Content-Length) or while streaming,
// then parsed as JSON and validated with the operation's zod schema.
import type http from 'node:http';
import type { z } from 'zod';
import { DataApiError } from './errors.js';

function tooLarge(limit: number): DataApiError {
  return new DataApiError(413, 'E_VALUE_TOO_LARGE', `request body exceeds ${limit} bytes`);
}

function readRaw(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    return Promise.reject(tooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => {
      resolve(Buffer.concat(chunks));
    });
    req.once('error', reject);
  });
}

export async function readJson<S extends z.ZodType>(
  req: http.IncomingMessage,
  limit: number,
  schema: S,
): Promise<z.infer<S>> {
  const raw = await readRaw(req, limit);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new DataApiError(400, 'E_BAD_JSON', 'the body is not valid JSON');
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join('.') || 'body';
    throw new DataApiError(400, 'E_BAD_REQUEST', `${where}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}
