// Label matchers for the charts' PromQL. Filter values are validated by name patterns before
// they get here; quoting them as PromQL strings as well means a value can never end the string.

/** A PromQL double-quoted string: backslash, quote and line breaks escaped. */
export function promqlString(value: string): string {
  const escaped = value
    .replaceAll('\\', '\\\\')
    .replaceAll('"', '\\"')
    .replaceAll('\n', '\\n')
    .replaceAll('\r', '\\r');
  return `"${escaped}"`;
}

export interface ChartFilters {
  cluster?: string | undefined;
  node?: string | undefined;
  namespace?: string | undefined;
}

/** `cluster="a",node="b"` for the filters that are set and that the chart's metrics carry. */
export function labelMatchers(filters: ChartFilters, withNamespace: boolean): string {
  const matchers: string[] = [];
  if (filters.cluster) matchers.push(`cluster=${promqlString(filters.cluster)}`);
  if (filters.node) matchers.push(`node=${promqlString(filters.node)}`);
  if (withNamespace && filters.namespace) {
    matchers.push(`namespace=${promqlString(filters.namespace)}`);
  }
  return matchers.join(',');
}
