// The six /v1 operations against one namespace's cache. Every input is checked against the
// namespace's limits before cache-core is called, and cache-core validates a batch whole before
// it writes anything, so a refused request changes nothing.
import type http from 'node:http';
import type { CacheEntry } from '@cachefleet/cache-core';
import type { JsonValue, NamespaceRuntime } from '../namespace-runtime.js';
import { readJson } from './body.js';
import { DataApiError } from './errors.js';
import type { Operation } from './route.js';
import { getManyBody, invalidateBody, setBody, setManyBody } from './schemas.js';

export interface HandlerInput {
  req: http.IncomingMessage;
  runtime: NamespaceRuntime;
  key: string | undefined;
}

// Room for the JSON around a value (key, tags, escaping) on top of the namespace's value limit.
const bodyOverhead = 64 * 1024;
const batchOverhead = 1024 * 1024;

function checkKey(runtime: NamespaceRuntime, key: string | undefined): string {
  if (key === undefined || key.length === 0)
    throw new DataApiError(400, 'E_INVALID_KEY', 'key is required');
  const bytes = Buffer.byteLength(key, 'utf8');
  const limit = runtime.config.maxKeyBytes;
  if (bytes > limit)
    throw new DataApiError(400, 'E_INVALID_KEY', `key is ${bytes} bytes, the limit is ${limit}`);
  return key;
}

function checkTags(runtime: NamespaceRuntime, tags: readonly string[] | undefined): void {
  if (tags !== undefined && tags.length > 0 && !runtime.config.tagsEnabled) {
    throw new DataApiError(400, 'E_BAD_REQUEST', 'tags are disabled for this namespace');
  }
}

/**
 * Value, version and tier in one read. A write-behind value still queued has no commit yet and
 * reads at version 0 (older than any commit), so clients that order by version yield to it.
 */
function read(runtime: NamespaceRuntime, key: string): Promise<CacheEntry<JsonValue> | undefined> {
  const { cache, config } = runtime;
  return config.source === null ? cache.getEntry(key) : cache.getOrLoadEntry(key);
}

/** A found key as the data API answers it: the version as a string (versions are int8). */
function answerOf(key: string, entry: CacheEntry<JsonValue>) {
  return { key, value: entry.value, version: String(entry.version), tier: entry.tier };
}

async function get({ runtime, key }: HandlerInput): Promise<unknown> {
  const k = checkKey(runtime, key);
  const entry = await read(runtime, k);
  if (entry === undefined) throw new DataApiError(404, 'E_NOT_FOUND', 'no value for this key');
  return answerOf(k, entry);
}

async function set({ req, runtime, key }: HandlerInput): Promise<unknown> {
  const k = checkKey(runtime, key);
  const body = await readJson(req, runtime.config.maxValueBytes + bodyOverhead, setBody);
  checkTags(runtime, body.tags);
  // The committed version straight from the write (0 while a write-behind value is queued).
  const version = await runtime.cache.set(k, body.value, { tags: body.tags });
  return { key: k, version: String(version) };
}

async function remove({ runtime, key }: HandlerInput): Promise<unknown> {
  const k = checkKey(runtime, key);
  await runtime.cache.delete(k);
  return { key: k, deleted: true };
}

async function getMany({ req, runtime }: HandlerInput): Promise<unknown> {
  const body = await readJson(req, batchOverhead, getManyBody);
  body.keys.forEach((k) => checkKey(runtime, k));
  const found = await runtime.cache.getManyEntries(body.keys);
  const entries = body.keys.map((key, i) => {
    const entry = found[i];
    return entry === undefined ? { key, found: false } : { found: true, ...answerOf(key, entry) };
  });
  return { entries };
}

async function setMany({ req, runtime }: HandlerInput): Promise<unknown> {
  const limit = runtime.config.maxValueBytes + batchOverhead;
  const body = await readJson(req, limit, setManyBody);
  body.entries.forEach((e) => {
    checkKey(runtime, e.key);
    checkTags(runtime, e.tags);
  });
  const versions = await runtime.cache.setMany(
    body.entries.map((e) => ({ key: e.key, value: e.value, options: { tags: e.tags } })),
  );
  return { entries: body.entries.map((e, i) => ({ key: e.key, version: String(versions[i]) })) };
}

async function invalidate({ req, runtime }: HandlerInput): Promise<unknown> {
  const body = await readJson(req, batchOverhead, invalidateBody);
  if ('tag' in body) {
    checkTags(runtime, [body.tag]);
    await runtime.cache.invalidateTag(body.tag);
  } else {
    body.keys.forEach((k) => checkKey(runtime, k));
    await Promise.all(body.keys.map((k) => runtime.cache.invalidate(k)));
  }
  return { ok: true };
}

export const handlers: Record<Operation, (input: HandlerInput) => Promise<unknown>> = {
  get,
  set,
  delete: remove,
  get_many: getMany,
  set_many: setMany,
  invalidate,
};

export const writeOperations: ReadonlySet<Operation> = new Set([
  'set',
  'delete',
  'set_many',
  'invalidate',
]);
