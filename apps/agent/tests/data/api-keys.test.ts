// Pure unit tests: API key verification and key-usage reports, and /v1 route matching.
import { describe, expect, it } from 'vitest';
import { ApiKeyVerifier } from '../../src/data/api-keys.js';
import { DataApiError } from '../../src/data/http/errors.js';
import { matchRoute } from '../../src/data/http/route.js';
import { apiKey } from './harness.js';

describe('ApiKeyVerifier', () => {
  const key = apiKey({ alpha: 'read', beta: 'read-write' });
  const verifier = new ApiKeyVerifier();
  verifier.update([key.config]);

  it('accepts the secret whose hash it holds, with its scopes', () => {
    const verified = verifier.verify(`Bearer ${key.secret}`);
    expect(verified?.id).toBe(key.config.id);
    expect(verified?.permission('alpha')).toBe('read');
    expect(verified?.permission('beta')).toBe('read-write');
    expect(verified?.permission('gamma')).toBeUndefined();
  });

  it('refuses missing, malformed, wrong and revoked secrets', () => {
    expect(verifier.verify(undefined)).toBeUndefined();
    expect(verifier.verify(key.secret)).toBeUndefined();
    expect(verifier.verify(`Basic ${key.secret}`)).toBeUndefined();
    expect(verifier.verify(`Bearer ${key.secret}x`)).toBeUndefined();
    expect(verifier.verify(`Bearer ${key.secret} `)).toBeUndefined();
    const revoked = new ApiKeyVerifier();
    revoked.update([]);
    expect(revoked.verify(`Bearer ${key.secret}`)).toBeUndefined();
  });

  it('reports each used key once, then forgets it until it is used again', () => {
    const fresh = new ApiKeyVerifier();
    fresh.update([key.config]);
    expect(fresh.takeUsage()).toEqual([]);
    fresh.verify(`Bearer ${key.secret}`);
    fresh.verify(`Bearer ${key.secret}`);
    const usage = fresh.takeUsage();
    expect(usage.map((u) => u.apiKeyId)).toEqual([key.config.id]);
    expect(Number.isNaN(Date.parse(usage[0]?.lastUsedAt ?? ''))).toBe(false);
    expect(fresh.takeUsage()).toEqual([]);
  });
});

describe('matchRoute', () => {
  const refusal = (method: string, path: string) => {
    try {
      matchRoute(method, path);
    } catch (error) {
      if (error instanceof DataApiError) return `${error.status} ${error.code}`;
    }
    return 'accepted';
  };

  it('maps methods and paths to operations, percent-decoding the key', () => {
    expect(matchRoute('GET', '/v1/ns/users/keys/a%2Fb%20c')).toEqual({
      operation: 'get',
      namespace: 'users',
      key: 'a/b c',
    });
    expect(matchRoute('PUT', '/v1/ns/users/keys/k').operation).toBe('set');
    expect(matchRoute('DELETE', '/v1/ns/users/keys/k').operation).toBe('delete');
    expect(matchRoute('POST', '/v1/ns/users/get-many').operation).toBe('get_many');
    expect(matchRoute('POST', '/v1/ns/users/set-many').operation).toBe('set_many');
    expect(matchRoute('POST', '/v1/ns/users/invalidate').operation).toBe('invalidate');
  });

  it('refuses bad namespaces, keys, methods and paths with codes', () => {
    expect(refusal('GET', '/v1/ns/Users/keys/k')).toBe('400 E_INVALID_NAMESPACE');
    expect(refusal('GET', '/v1/ns/1users/keys/k')).toBe('400 E_INVALID_NAMESPACE');
    expect(refusal('GET', `/v1/ns/${'a'.repeat(64)}/keys/k`)).toBe('400 E_INVALID_NAMESPACE');
    expect(refusal('GET', '/v1/ns/users/keys/%E0%A4%A')).toBe('400 E_INVALID_KEY');
    expect(refusal('GET', '/v1/ns/users/keys/')).toBe('400 E_INVALID_KEY');
    expect(refusal('POST', '/v1/ns/users/keys/k')).toBe('405 E_BAD_REQUEST');
    expect(refusal('GET', '/v1/ns/users/get-many')).toBe('405 E_BAD_REQUEST');
    expect(refusal('GET', '/v1/other')).toBe('404 E_NOT_FOUND');
  });
});
