import type { ApiKeyInfo, NamespacePolicy } from '@cachefleet/db';
import { z } from 'zod';
import { appError } from '../errors.js';
import { namespaceNamePattern } from './policy.js';

/**
 * Inputs are loose on purpose: a bad name, key or tag must come back with the data contract's code
 * (E_INVALID_NAMESPACE, E_INVALID_KEY), which the checks below give, not as a generic zod error.
 */
export const looseNamespace = z.string().max(256);
export const looseKey = z.string().max(8192);
export const looseTag = z.string().max(1024);

export function checkNamespaceName(name: string): void {
  if (!namespaceNamePattern.test(name)) {
    throw appError(
      'BAD_REQUEST',
      'E_INVALID_NAMESPACE',
      `illegal namespace name ${JSON.stringify(name.slice(0, 80))}`,
    );
  }
}

/** The API key may use the namespace: read for reads, read-write for writes; E_FORBIDDEN otherwise. */
export function checkScope(apiKey: ApiKeyInfo, namespace: string, access: 'read' | 'write'): void {
  checkNamespaceName(namespace);
  const scope = apiKey.scopes.find((s) => s.namespace === namespace);
  if (!scope)
    throw appError('FORBIDDEN', 'E_FORBIDDEN', `this API key has no access to ${namespace}`);
  if (access === 'write' && scope.permission !== 'read-write') {
    throw appError('FORBIDDEN', 'E_FORBIDDEN', `this API key may only read ${namespace}`);
  }
}

export function checkKey(policy: NamespacePolicy, key: string): void {
  const bytes = Buffer.byteLength(key, 'utf8');
  if (bytes === 0 || bytes > policy.maxKeyBytes) {
    throw appError(
      'BAD_REQUEST',
      'E_INVALID_KEY',
      `a key is 1..${policy.maxKeyBytes} bytes, this one is ${bytes}`,
    );
  }
}

export function checkTags(policy: NamespacePolicy, tags: readonly string[] | undefined): void {
  if (tags && tags.length > 0 && !policy.tagsEnabled) {
    throw appError('BAD_REQUEST', 'E_BAD_REQUEST', 'tags are disabled for this namespace');
  }
}

/** The JSON size of a value, refused past the namespace's limit. */
export function checkValue(policy: NamespacePolicy, value: unknown): void {
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined) throw appError('BAD_REQUEST', 'E_BAD_JSON', 'the value is not JSON');
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > policy.maxValueBytes) {
    throw appError(
      'BAD_REQUEST',
      'E_VALUE_TOO_LARGE',
      `value is ${bytes} bytes, the limit is ${policy.maxValueBytes}`,
    );
  }
}
