import { describe, expect, it } from 'vitest';
import { labelMatchers, promqlString } from './promql-selector.js';

describe('PromQL label matchers', () => {
  it('quotes values so that none can end the string', () => {
    expect(promqlString('a"b')).toBe('"a\\"b"');
    expect(promqlString('a\\"} or vector(1)')).toBe('"a\\\\\\"} or vector(1)"');
    expect(promqlString('a\nb')).toBe('"a\\nb"');
  });

  it('matches only the filters that are set, and namespace only where the chart has it', () => {
    const filters = { cluster: 'c1', node: 'n1', namespace: 'users' };
    expect(labelMatchers(filters, true)).toBe('cluster="c1",node="n1",namespace="users"');
    expect(labelMatchers(filters, false)).toBe('cluster="c1",node="n1"');
    expect(labelMatchers({}, true)).toBe('');
  });
});
