import { describe, expect, it } from 'vitest';
import { namespaceName as policyName } from '../namespaces/policy.js';
import { namespaceName } from './metric-queries.js';

describe('metric filter namespace names', () => {
  it('are exactly the namespaces policy names', () => {
    expect(namespaceName).toBe(policyName);
    for (const ok of ['users', 'a', 'u_1-x', `a${'b'.repeat(62)}`])
      expect(namespaceName.safeParse(ok).success).toBe(true);
    for (const bad of ['Users', '1users', '', `a${'b'.repeat(63)}`, 'a"}', 'a b'])
      expect(namespaceName.safeParse(bad).success).toBe(false);
  });
});
