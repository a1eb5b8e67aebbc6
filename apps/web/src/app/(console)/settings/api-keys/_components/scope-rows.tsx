'use client';

import { useQuery } from '@tanstack/react-query';
import { RowActionButton } from '~/components/row-action';
import { permissions, type ApiKeyScope, type Permission } from '~/lib/namespaces';
import { useTRPC } from '~/trpc/react';

interface Props {
  scopes: ApiKeyScope[];
  onChange: (scopes: ApiKeyScope[]) => void;
  errors: Partial<Record<string, string>>;
}

function ScopeRow(props: {
  index: number;
  scope: ApiKeyScope;
  names: string[];
  error: string | undefined;
  onChange: (scope: ApiKeyScope | null) => void;
}) {
  const { index, scope } = props;
  return (
    <div className="toolbar" role="group" aria-label={`Scope ${index + 1}`}>
      <select
        aria-label={`Namespace of scope ${index + 1}`}
        value={scope.namespace}
        onChange={(e) => {
          props.onChange({ ...scope, namespace: e.target.value });
        }}
      >
        <option value="">Choose a namespace</option>
        {props.names.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      <select
        aria-label={`Permission of scope ${index + 1}`}
        value={scope.permission}
        onChange={(e) => {
          const permission = permissions.find((p) => p === e.target.value);
          if (permission) props.onChange({ ...scope, permission });
        }}
      >
        {permissions.map((p: Permission) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
      <RowActionButton
        tone="ghost"
        onClick={() => {
          props.onChange(null);
        }}
      >
        Remove <span className="visually-hidden">scope {index + 1}</span>
      </RowActionButton>
      {props.error ? <span className="field-error">{props.error}</span> : null}
    </div>
  );
}

/** Namespaces × read/read-write, one row per namespace. */
export function ScopeRows({ scopes, onChange, errors }: Props) {
  const trpc = useTRPC();
  const namespaces = useQuery(trpc.namespaces.list.queryOptions());
  const names = (namespaces.data ?? []).map((ns) => ns.name);
  return (
    <fieldset className="stack">
      <legend className="subheading">Scopes</legend>
      {scopes.map((scope, index) => (
        <ScopeRow
          key={index}
          index={index}
          scope={scope}
          names={names}
          error={errors[`scopes.${index}.namespace`] ?? errors[`scopes.${index}.permission`]}
          onChange={(changed) => {
            onChange(
              changed === null
                ? scopes.filter((_, i) => i !== index)
                : scopes.map((s, i) => (i === index ? changed : s)),
            );
          }}
        />
      ))}
      {errors.scopes ? <span className="field-error">{errors.scopes}</span> : null}
      <div>
        <RowActionButton
          tone="ghost"
          onClick={() => {
            onChange([...scopes, { namespace: '', permission: 'read' }]);
          }}
        >
          Add a scope
        </RowActionButton>
      </div>
    </fieldset>
  );
}
