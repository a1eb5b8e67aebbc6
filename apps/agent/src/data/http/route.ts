// /v1/ns/:ns/<operation>: which operation a method + path names, with the namespace and key
// percent-decoded and checked for shape (limits per namespace are checked once it is known).
import { DataApiError } from './errors.js';

export type Operation = 'get' | 'set' | 'delete' | 'get_many' | 'set_many' | 'invalidate';

export interface Route {
  operation: Operation;
  namespace: string;
  key: string | undefined;
}

const namespacePattern = /^[a-z][a-z0-9_-]{0,62}$/;
const pathPattern = /^\/v1\/ns\/([^/]*)\/(keys\/(.*)|get-many|set-many|invalidate)$/;
const keyOperations: Record<string, Operation | undefined> = {
  GET: 'get',
  PUT: 'set',
  DELETE: 'delete',
};
const postOperations: Record<string, Operation | undefined> = {
  'get-many': 'get_many',
  'set-many': 'set_many',
  invalidate: 'invalidate',
};

function decode(part: string, code: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new DataApiError(400, code, 'malformed percent-encoding');
  }
}

function operationOf(method: string, action: string): Operation {
  const operation = action.startsWith('keys/') ? keyOperations[method] : postOperations[action];
  const allowed = action.startsWith('keys/') ? method in keyOperations : method === 'POST';
  if (operation === undefined || !allowed) {
    throw new DataApiError(405, 'E_BAD_REQUEST', `${method} is not allowed here`);
  }
  return operation;
}

/** The route of a /v1 request, or a 4xx DataApiError. */
export function matchRoute(method: string, rawPath: string): Route {
  const match = pathPattern.exec(rawPath);
  if (match === null) throw new DataApiError(404, 'E_NOT_FOUND', 'no such endpoint');
  const namespace = decode(match[1] ?? '', 'E_INVALID_NAMESPACE');
  if (!namespacePattern.test(namespace)) {
    throw new DataApiError(
      400,
      'E_INVALID_NAMESPACE',
      `namespace must match ${namespacePattern.source}`,
    );
  }
  const action = match[2] ?? '';
  const operation = operationOf(method, action);
  const key = match[3] === undefined ? undefined : decode(match[3], 'E_INVALID_KEY');
  if (key !== undefined && key.length === 0)
    throw new DataApiError(400, 'E_INVALID_KEY', 'empty key');
  return { operation, namespace, key };
}
